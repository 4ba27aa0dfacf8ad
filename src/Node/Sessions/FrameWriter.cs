using System.Runtime.InteropServices;
using Google.Protobuf;
using Grpc.Core;
using MpcNetwork.Protos.Node.V1;

namespace MpcNetwork.Node.Sessions;

/// <summary>Writes the node's frames on a session stream, stamping session id, round and sequence.</summary>
internal sealed class FrameWriter(IServerStreamWriter<NodeFrame> stream, string sessionId)
{
    /// <summary>Elements per partial chunk: 8192 × 8 bytes = 64 KiB, below the large object heap threshold.</summary>
    public const int ChunkElements = 8192;

    private long _sequence;

    public Task WriteAsync(int round, NodeFrame frame, CancellationToken cancellation)
    {
        frame.SessionId = sessionId;
        frame.Round = round;
        frame.Sequence = ++_sequence;
        return stream.WriteAsync(frame, cancellation);
    }

    /// <summary>
    /// Writes a partial in chunks; returns the number of payload bytes written. Each write waits
    /// for HTTP/2 flow control, so a slow coordinator slows the node instead of filling its memory.
    /// </summary>
    public async Task<long> WritePartialAsync(int round, ulong[] partial, CancellationToken cancellation)
    {
        var offset = 0;
        do
        {
            var count = Math.Min(ChunkElements, partial.Length - offset);
            var chunk = new PartialChunk
            {
                Offset = offset,
                Length = partial.Length,
                Elements = ByteString.CopyFrom(MemoryMarshal.AsBytes(partial.AsSpan(offset, count))),
                Last = offset + count == partial.Length,
            };
            await WriteAsync(round, new NodeFrame { Partial = chunk }, cancellation);
            offset += count;
        }
        while (offset < partial.Length);

        return (long)partial.Length * sizeof(ulong);
    }
}
