using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.Shared.Protocols;

/// <summary>
/// Splits a vector result into a head and chunks small enough for one gRPC message each, and
/// puts them back together.
/// </summary>
public static class ResultChunks
{
    /// <summary>Sums per chunk: 4096 zigzag varints of at most 10 bytes stay below 64 KiB.</summary>
    public const int SumsPerChunk = 4096;

    /// <summary>
    /// Returns the result with at most <see cref="SumsPerChunk"/> vector sums, and the rest of
    /// the sums as chunks in order. Results that are not vectors come back whole, with no chunk.
    /// </summary>
    public static (SessionResult Head, List<VectorChunk> Chunks) Split(SessionResult result)
    {
        if (result.ValueCase != SessionResult.ValueOneofCase.Vector || result.Vector.Sums.Count <= SumsPerChunk)
        {
            return (result, []);
        }

        var sums = result.Vector.Sums;
        var head = result.Clone();
        head.Vector.Sums.Clear();
        head.Vector.Sums.Add(Slice(sums, 0, SumsPerChunk));

        var chunks = new List<VectorChunk>();
        for (var offset = SumsPerChunk; offset < sums.Count; offset += SumsPerChunk)
        {
            var chunk = new VectorChunk { Offset = offset };
            chunk.Sums.Add(Slice(sums, offset, Math.Min(SumsPerChunk, sums.Count - offset)));
            chunks.Add(chunk);
        }

        return (head, chunks);
    }

    private static long[] Slice(Google.Protobuf.Collections.RepeatedField<long> sums, int offset, int count)
    {
        var slice = new long[count];
        for (var i = 0; i < count; i++)
        {
            slice[i] = sums[offset + i];
        }

        return slice;
    }

    /// <summary>Collects a head and its chunks into the whole result.</summary>
    public sealed class Assembler
    {
        public SessionResult? Result { get; private set; }

        /// <summary>Whether the result and all of its vector sums have arrived.</summary>
        public bool IsComplete => Result is not null
            && (Result.ValueCase != SessionResult.ValueOneofCase.Vector || Result.Vector.Sums.Count == Result.Vector.VectorLength);

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
            if (Result?.ValueCase != SessionResult.ValueOneofCase.Vector || chunk.Offset != Result.Vector.Sums.Count)
            {
                throw new InvalidDataException($"A vector chunk at offset {chunk.Offset} arrived out of order.");
            }

            Result.Vector.Sums.Add(chunk.Sums);
        }
    }
}
