using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.Shared.Protocols;

/// <summary>
/// Splits a vector result into a head and chunks small enough for one gRPC message each, and
/// puts them back together.
/// </summary>
public static class ResultChunks
{
    /// <summary>Values per chunk: 1024 decimal strings of at most about 32 bytes stay below 64 KiB.</summary>
    public const int ValuesPerChunk = 1024;

    /// <summary>
    /// Returns the result with at most <see cref="ValuesPerChunk"/> vector values, and the rest of
    /// the values as chunks in order. Results that are not vectors come back whole, with no chunk.
    /// </summary>
    public static (SessionResult Head, List<VectorChunk> Chunks) Split(SessionResult result)
    {
        if (result.ValueCase != SessionResult.ValueOneofCase.Vector || result.Vector.Values.Count <= ValuesPerChunk)
        {
            return (result, []);
        }

        var head = result.Clone();
        head.Vector.Values.Clear();
        head.Vector.Values.AddRange(result.Vector.Values.Take(ValuesPerChunk));

        var chunks = new List<VectorChunk>();
        for (var offset = ValuesPerChunk; offset < result.Vector.Values.Count; offset += ValuesPerChunk)
        {
            var chunk = new VectorChunk { Offset = offset };
            chunk.Values.AddRange(result.Vector.Values.Skip(offset).Take(ValuesPerChunk));
            chunks.Add(chunk);
        }

        return (head, chunks);
    }

    /// <summary>Collects a head and its chunks into the whole result.</summary>
    public sealed class Assembler
    {
        public SessionResult? Result { get; private set; }

        /// <summary>Whether the result and all of its vector values have arrived.</summary>
        public bool IsComplete => Result is not null
            && (Result.ValueCase != SessionResult.ValueOneofCase.Vector || Result.Vector.Values.Count == Result.Vector.VectorLength);

        public void Add(SessionResult head)
        {
            if (Result is not null)
            {
                throw new InvalidDataException("A second result arrived for one session.");
            }

            Result = head;
        }

        public void Add(VectorChunk chunk)
        {
            if (Result?.ValueCase != SessionResult.ValueOneofCase.Vector || chunk.Offset != Result.Vector.Values.Count)
            {
                throw new InvalidDataException($"A vector chunk at offset {chunk.Offset} arrived out of order.");
            }

            Result.Vector.Values.AddRange(chunk.Values);
        }
    }
}
