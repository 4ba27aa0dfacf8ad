using Google.Protobuf;
using Grpc.Core;
using MpcNetwork.Node.Sessions;
using MpcNetwork.Protos.Node.V1;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Node.Services;

/// <summary>
/// Accepts a peer's stream: the dialing peer must be authenticated as the party it names, belong
/// to a session that this node accepted, and sit before this node in the roster order.
/// </summary>
internal sealed class PeerExchangeService(SessionRegistry sessions, ViewRecorder recorder, ILogger<PeerExchangeService> logger) : PeerExchange.PeerExchangeBase
{
    public override async Task Exchange(IAsyncStreamReader<PeerFrame> requestStream, IServerStreamWriter<PeerFrame> responseStream, ServerCallContext context)
    {
        var caller = MutualTls.GetCallerPartyId(context);
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.BodyCase != PeerFrame.BodyOneofCase.Hello)
        {
            throw Reject(caller, StatusCode.InvalidArgument, "the first frame of a peer stream must be hello");
        }

        var hello = requestStream.Current;
        var session = Authorize(caller, hello);

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, session.Cancellation);
        try
        {
            // Shares may leave this node only after the coordinator confirmed that every node accepted.
            await session.Started.WaitAsync(cancellation.Token);

            var seed = SeedExchange.Frame(session, new PeerFrame { Seed = new Seed { Seed_ = UnsafeByteOperations.UnsafeWrap(session.OutgoingSeedFor(caller)) } });
            await responseStream.WriteAsync(seed, cancellation.Token);

            if (!await requestStream.MoveNext(cancellation.Token) || requestStream.Current.BodyCase != PeerFrame.BodyOneofCase.Seed)
            {
                throw Reject(caller, StatusCode.InvalidArgument, "the peer sent no seed after hello");
            }

            SeedExchange.AcceptSeed(session, caller, requestStream.Current, recorder);
            NodeLog.PeerExchanged(logger, session.SessionId, session.PartyId, caller);
        }
        catch (SessionStepException error)
        {
            throw Reject(caller, StatusCode.InvalidArgument, error.Detail);
        }
        catch (OperationCanceledException)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, $"session {session.SessionId} ended before the exchange finished"));
        }
    }

    private NodeSession Authorize(string caller, PeerFrame hello) =>
        PeerAuthorization.Authorize(sessions, caller, hello.Hello.PartyId, hello.SessionId,
            session => session.Plan.Computation != Protos.Session.V1.Computation.Psi, "", (code, reason) => Reject(caller, code, reason)).Session;

    private RpcException Reject(string caller, StatusCode code, string reason)
    {
        NodeLog.PeerRejected(logger, caller, reason);
        return new RpcException(new Status(code, reason));
    }
}
