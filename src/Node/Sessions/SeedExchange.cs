using Google.Protobuf;
using Grpc.Core;
using MpcNetwork.Protos.Node.V1;
using MpcNetwork.Shared.Security;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Node.Sessions;

/// <summary>
/// Exchanges PRG seeds with every peer of a session. For each pair, the node with the lower
/// roster index dials the other over a bidirectional stream; each side sends its seed for the
/// other. The accepting side runs in <see cref="Services.PeerExchangeService"/>.
/// </summary>
internal sealed class SeedExchange(ChannelPool channels, ViewRecorder recorder, ILogger<SeedExchange> logger)
{
    public const string Step = "exchange";

    private const int DialAttempts = 3;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(300);

    /// <summary>Completes when a seed from every peer has arrived; throws <see cref="SessionStepException"/> naming the peer at fault.</summary>
    public async Task RunAsync(NodeSession session)
    {
        var cancellation = session.Cancellation;
        var dials = session.Peers
            .Where(peer => session.IndexOf(peer.PartyId) > session.Index)
            .Select(peer => DialAsync(session, peer, cancellation));
        var waits = session.Peers
            .Where(peer => session.IndexOf(peer.PartyId) < session.Index)
            .Select(peer => AwaitSeedAsync(session, peer.PartyId, cancellation));

        await WhenAllOrFirstFailure([.. dials, .. waits]);
    }

    private async Task DialAsync(NodeSession session, Protos.Session.V1.Participant peer, CancellationToken cancellation)
    {
        // A peer that has just restarted can be refused once while the channel reconnects.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await DialOnceAsync(session, peer, cancellation);
                return;
            }
            catch (SessionStepException error) when (attempt < DialAttempts && error.InnerException is RpcException { StatusCode: StatusCode.Unavailable } && !cancellation.IsCancellationRequested)
            {
                NodeLog.PeerDialRetried(logger, session.SessionId, session.PartyId, peer.PartyId, attempt);
                await Task.Delay(RetryDelay, cancellation);
            }
        }
    }

    private async Task DialOnceAsync(NodeSession session, Protos.Session.V1.Participant peer, CancellationToken cancellation)
    {
        try
        {
            var client = new PeerExchange.PeerExchangeClient(channels.Get(peer.Endpoint, peer.PartyId));
            using var call = client.Exchange(deadline: session.Plan.Deadline.ToDateTime(), cancellationToken: cancellation);

            await call.RequestStream.WriteAsync(Frame(session, new PeerFrame { Hello = new Hello { PartyId = session.PartyId } }), cancellation);
            await call.RequestStream.WriteAsync(Frame(session, new PeerFrame { Seed = new Seed { Seed_ = UnsafeByteOperations.UnsafeWrap(session.OutgoingSeedFor(peer.PartyId)) } }), cancellation);

            if (!await call.ResponseStream.MoveNext(cancellation) || call.ResponseStream.Current.BodyCase != PeerFrame.BodyOneofCase.Seed)
            {
                throw new SessionStepException(Step, peer.PartyId, "the peer closed the stream without sending its seed");
            }

            AcceptSeed(session, peer.PartyId, call.ResponseStream.Current, recorder);
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(cancellation))
            {
                // The peer sends nothing more; draining observes the call's final status.
            }

            NodeLog.PeerExchanged(logger, session.SessionId, session.PartyId, peer.PartyId);
        }
        catch (Exception error) when (error is RpcException or IOException or HttpRequestException)
        {
            var detail = error is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : error.Message;
            throw new SessionStepException(Step, peer.PartyId, $"the peer stream to {peer.Endpoint} failed ({detail})", error);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new SessionStepException(Step, peer.PartyId, "no seed from the peer before the session deadline");
        }
    }

    private static async Task AwaitSeedAsync(NodeSession session, string peerPartyId, CancellationToken cancellation)
    {
        try
        {
            await session.IncomingSeedFrom(peerPartyId).WaitAsync(cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new SessionStepException(Step, peerPartyId, "the peer did not dial in with its seed before the session deadline");
        }
    }

    /// <summary>Validates and stores a seed frame from a peer.</summary>
    public static void AcceptSeed(NodeSession session, string peerPartyId, PeerFrame frame, ViewRecorder recorder)
    {
        if (frame.SessionId != session.SessionId)
        {
            throw new SessionStepException(Step, peerPartyId, "the peer sent a frame for another session");
        }

        if (frame.Seed.Seed_.Length != SeedPrg.SeedLength)
        {
            throw new SessionStepException(Step, peerPartyId, $"the peer's seed has {frame.Seed.Seed_.Length} bytes instead of {SeedPrg.SeedLength}");
        }

        if (!session.TryAcceptSeed(peerPartyId, frame.Seed.Seed_.ToByteArray()))
        {
            throw new SessionStepException(Step, peerPartyId, "the peer sent a second seed");
        }

        recorder.SeedReceived(session.SessionId, peerPartyId, frame.Seed.Seed_.Span);
    }

    public static PeerFrame Frame(NodeSession session, PeerFrame frame)
    {
        frame.SessionId = session.SessionId;
        return frame;
    }

    /// <summary>Awaits all tasks but surfaces the first failure as soon as it happens.</summary>
    private static async Task WhenAllOrFirstFailure(List<Task> tasks)
    {
        var pending = new List<Task>(tasks);
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending);
            await finished;
            pending.Remove(finished);
        }
    }
}
