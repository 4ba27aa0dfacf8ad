using Grpc.Core;
using MpcNetwork.Node.Psi;
using MpcNetwork.Node.Sessions;
using MpcNetwork.Protos.Node.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Node.Services;

/// <summary>
/// Accepts a peer's PSI stream under the same rules as <see cref="PeerExchangeService"/>: the
/// dialing peer must be authenticated as the party it names, belong to a PSI session that this
/// node accepted, and sit before this node in the roster order. Nothing is sent before the
/// coordinator's start.
/// </summary>
internal sealed class PsiPeerExchangeService(SessionRegistry sessions, PsiExchange exchange, ILogger<PsiPeerExchangeService> logger) : PsiPeerExchange.PsiPeerExchangeBase
{
    public override async Task Exchange(IAsyncStreamReader<PsiPeerFrame> requestStream, IServerStreamWriter<PsiPeerFrame> responseStream, ServerCallContext context)
    {
        var caller = MutualTls.GetCallerPartyId(context);
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.BodyCase != PsiPeerFrame.BodyOneofCase.Hello)
        {
            throw Reject(caller, StatusCode.InvalidArgument, "the first frame of a PSI peer stream must be hello");
        }

        var (session, peer) = Authorize(caller, requestStream.Current);

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, session.Cancellation);
        try
        {
            // Items leave this node only after the coordinator confirmed that every node accepted.
            await session.Started.WaitAsync(cancellation.Token);
            var run = ((PsiComputation)session.Computation).Run!;
            await exchange.AcceptAsync(run, peer, requestStream, responseStream, cancellation.Token);
        }
        catch (SessionStepException error)
        {
            throw Reject(caller, StatusCode.InvalidArgument, error.Detail);
        }
        catch (OperationCanceledException)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, $"session {session.SessionId} ended before the PSI exchange finished"));
        }
    }

    private (NodeSession Session, int PeerIndex) Authorize(string caller, PsiPeerFrame hello) =>
        PeerAuthorization.Authorize(sessions, caller, hello.Hello.PartyId, hello.SessionId,
            session => session.Plan.Computation == Computation.Psi, "PSI ", (code, reason) => Reject(caller, code, reason));

    private RpcException Reject(string caller, StatusCode code, string reason)
    {
        NodeLog.PeerRejected(logger, caller, reason);
        return new RpcException(new Status(code, reason));
    }
}
