using Grpc.Core;
using MpcNetwork.Coordinator.Sessions;
using MpcNetwork.Coordinator.Storage;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Coordinator.Services;

/// <summary>The callers' entry point: run a session, read a recorded result.</summary>
internal sealed class CoordinatorService(SessionRunner runner, ResultStore store, ILogger<CoordinatorService> logger) : Protos.Coordinator.V1.Coordinator.CoordinatorBase
{
    public override async Task RunSession(RunSessionRequest request, IServerStreamWriter<RunSessionResponse> responseStream, ServerCallContext context)
    {
        var caller = MutualTls.GetCallerPartyId(context);

        Protos.Session.V1.SessionResult result;
        try
        {
            result = await runner.RunAsync(
                request, caller, sessionId => responseStream.WriteAsync(new RunSessionResponse { SessionId = sessionId }, context.CancellationToken), context.CancellationToken);
        }
        catch (ArgumentException error)
        {
            CoordinatorLog.RequestRejected(logger, caller, error.Message);
            throw new RpcException(new Status(StatusCode.InvalidArgument, error.Message));
        }
        catch (SessionFailedException error)
        {
            var code = error.RejectedByPolicy ? StatusCode.FailedPrecondition : StatusCode.Aborted;
            throw new RpcException(new Status(code, error.Message));
        }

        if (!result.Recipients.Contains(caller))
        {
            return;
        }

        var (head, chunks) = ResultChunks.Split(result);
        await responseStream.WriteAsync(new RunSessionResponse { Result = head }, context.CancellationToken);
        foreach (var chunk in chunks)
        {
            await responseStream.WriteAsync(new RunSessionResponse { Chunk = chunk }, context.CancellationToken);
        }
    }

    public override async Task GetResult(GetResultRequest request, IServerStreamWriter<GetResultResponse> responseStream, ServerCallContext context)
    {
        var caller = MutualTls.GetCallerPartyId(context);

        var result = await store.FindAsync(request.SessionId, context.CancellationToken);

        // A caller that is not a recipient learns nothing, not even whether the session exists.
        if (result is null || !result.Recipients.Contains(caller))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"No published result of session '{request.SessionId}' for '{caller}'."));
        }

        var (head, chunks) = ResultChunks.Split(result);
        await responseStream.WriteAsync(new GetResultResponse { Result = head }, context.CancellationToken);
        foreach (var chunk in chunks)
        {
            await responseStream.WriteAsync(new GetResultResponse { Chunk = chunk }, context.CancellationToken);
        }
    }
}
