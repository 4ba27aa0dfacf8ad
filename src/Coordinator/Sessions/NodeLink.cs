using Grpc.Core;
using MpcNetwork.Protos.Node.V1;
using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.Coordinator.Sessions;

/// <summary>The coordinator's session stream to one node. Frames that the node sends are checked here.</summary>
internal sealed class NodeLink(Participant party, string sessionId, AsyncDuplexStreamingCall<CoordinatorFrame, NodeFrame> call) : IDisposable
{
    private long _sequence;

    public Participant Party { get; } = party;

    public string PartyId => Party.PartyId;

    public Task SendAsync(int round, CoordinatorFrame frame, CancellationToken cancellation)
    {
        frame.SessionId = sessionId;
        frame.Round = round;
        frame.Sequence = ++_sequence;
        return call.RequestStream.WriteAsync(frame, cancellation);
    }

    /// <summary>
    /// Reads the next frame. A failure frame, a closed stream or a broken connection becomes a
    /// <see cref="SessionFailedException"/> that names the party at fault.
    /// </summary>
    public async Task<NodeFrame> ReceiveAsync(string step, CancellationToken cancellation)
    {
        try
        {
            if (!await call.ResponseStream.MoveNext(cancellation))
            {
                throw Fail(step, PartyId, "the node closed its session stream");
            }
        }
        catch (RpcException error) when (!cancellation.IsCancellationRequested)
        {
            throw Fail(step, PartyId, $"the node's session stream failed ({error.StatusCode}: {error.Status.Detail})");
        }

        var frame = call.ResponseStream.Current;
        if (frame.SessionId != sessionId)
        {
            throw Fail(step, PartyId, "the node sent a frame for another session");
        }

        if (frame.BodyCase == NodeFrame.BodyOneofCase.Failure)
        {
            var failure = frame.Failure;
            var faulty = string.IsNullOrEmpty(failure.PartyId) ? PartyId : failure.PartyId;
            throw Fail(string.IsNullOrEmpty(failure.Step) ? step : failure.Step, faulty, $"{failure.Detail} (reported by {PartyId})");
        }

        return frame;
    }

    /// <summary>
    /// Reads a round's masked partial chunk by chunk, checks its length and layout, and hands each
    /// chunk to <paramref name="onChunk"/> with its offset, so the caller never keeps a whole partial.
    /// </summary>
    public async Task<bool> ReceivePartialAsync(string step, int round, int expectedLength, Action<int, ReadOnlyMemory<byte>> onChunk, CancellationToken cancellation)
    {
        var received = 0L;
        while (true)
        {
            var frame = await ReceiveAsync(step, cancellation);
            if (frame.BodyCase != NodeFrame.BodyOneofCase.Partial || frame.Round != round)
            {
                throw Fail(step, PartyId, $"expected a partial for round {round}, got {frame.BodyCase} for round {frame.Round}");
            }

            var chunk = frame.Partial;
            var count = chunk.Elements.Length / sizeof(ulong);
            if (chunk.Length != expectedLength || chunk.Elements.Length % sizeof(ulong) != 0 || chunk.Offset != received || chunk.Offset + count > expectedLength)
            {
                throw Fail(step, PartyId, $"the partial has the wrong length or layout (declared {chunk.Length} elements, expected {expectedLength})");
            }

            onChunk((int)chunk.Offset, chunk.Elements.Memory);
            received += count;
            if (chunk.Last)
            {
                if (received != expectedLength)
                {
                    throw Fail(step, PartyId, $"the partial ended after {received} of {expectedLength} elements");
                }

                return true;
            }
        }
    }

    /// <summary>Closes the request side and waits briefly for the node to end the call.</summary>
    public async Task CompleteAsync(TimeSpan wait)
    {
        try
        {
            await call.RequestStream.CompleteAsync().WaitAsync(wait);
            using var timeout = new CancellationTokenSource(wait);
            while (await call.ResponseStream.MoveNext(timeout.Token))
            {
            }
        }
        catch (Exception error) when (error is RpcException or IOException or InvalidOperationException or OperationCanceledException or TimeoutException)
        {
            // The node is gone or slow to close; the session outcome is already decided.
        }
    }

    public void Dispose() => call.Dispose();

    private SessionFailedException Fail(string step, string partyId, string detail) => new(sessionId, step, partyId, detail);
}
