using System.Diagnostics;
using Grpc.Core;
using MpcNetwork.Node.Sessions;
using MpcNetwork.Protos.Node.V1;

namespace MpcNetwork.Node.Psi;

/// <summary>
/// Moves PSI frames over one peer stream: a pump writes the peer's outbox, and a reader hands
/// each chunk to the run until everything expected from that peer has arrived.
/// </summary>
internal sealed class PsiPeerLink(PsiSessionRun run, int peer, ViewRecorder recorder, TimeProvider time, ILogger logger)
{
    /// <summary>Minimum time between two progress events for one stream.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    private long _sequence;

    private string PeerId => run.Session.Plan.Parties[peer].PartyId;

    /// <summary>Runs both directions until each is done; throws <see cref="SessionStepException"/> on the first failure.</summary>
    public async Task RunAsync(IAsyncStreamReader<PsiPeerFrame> reader, IAsyncStreamWriter<PsiPeerFrame> writer, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var role = await run.Role.WaitAsync(cancellation);
        var send = SendAsync(writer, cancellation);
        var receive = ReceiveAsync(role, reader, cancellation);

        var first = await Task.WhenAny(send, receive);
        await first;
        var sent = await send;
        var received = await receive;
        NodeLog.PsiPeerFinished(logger, run.Session.SessionId, run.Session.PartyId, PeerId, sent, received, clock.ElapsedMilliseconds);
    }

    public PsiPeerFrame Stamp(PsiPeerFrame frame)
    {
        frame.SessionId = run.Session.SessionId;
        frame.Sequence = ++_sequence;
        return frame;
    }

    private async Task<long> SendAsync(IAsyncStreamWriter<PsiPeerFrame> writer, CancellationToken cancellation)
    {
        var bytes = 0L;
        await foreach (var frame in run.Outbox(peer).ReadAllAsync(cancellation))
        {
            // Each write waits for HTTP/2 flow control, so a slow peer slows this node instead of filling its memory further.
            await writer.WriteAsync(Stamp(frame), cancellation);
            bytes += frame.Chunk?.Records.Length ?? 0;
        }

        return bytes;
    }

    private async Task<long> ReceiveAsync(PsiRole role, IAsyncStreamReader<PsiPeerFrame> reader, CancellationToken cancellation)
    {
        var expected = await run.ExpectedTotalAsync(peer);
        var protocolDone = false;
        var outputDone = !run.ExpectsOutput(peer);
        var bytes = 0L;
        var lastProgress = time.GetTimestamp();
        while (!protocolDone || !outputDone)
        {
            if (!await reader.MoveNext(cancellation))
            {
                throw new SessionStepException(PsiSessionRun.Step, PeerId, $"the peer closed its PSI stream after {bytes} of {expected} bytes");
            }

            var frame = reader.Current;
            if (frame.SessionId != run.Session.SessionId)
            {
                throw new SessionStepException(PsiSessionRun.Step, PeerId, "the peer sent a frame for another session");
            }

            switch (frame.BodyCase)
            {
                case PsiPeerFrame.BodyOneofCase.Chunk when !protocolDone:
                    recorder.PsiChunkReceived(run.Session.SessionId, PeerId, frame.Chunk.Kind, frame.Chunk.Records.Span);
                    protocolDone = run.Accept(role, peer, frame.Chunk);
                    bytes += frame.Chunk.Records.Length;
                    break;
                case PsiPeerFrame.BodyOneofCase.Output when protocolDone && !outputDone:
                    recorder.PsiItemsReceived(run.Session.SessionId, PeerId, frame.Output.Items.Count);
                    outputDone = run.AcceptOutput(peer, frame.Output);
                    break;
                default:
                    throw new SessionStepException(PsiSessionRun.Step, PeerId, $"unexpected {frame.BodyCase} frame on the PSI stream");
            }

            if (time.GetElapsedTime(lastProgress) >= ProgressInterval)
            {
                lastProgress = time.GetTimestamp();
                NodeLog.PsiProgress(logger, run.Session.SessionId, run.Session.PartyId, PeerId, bytes, expected);
            }
        }

        return bytes;
    }
}
