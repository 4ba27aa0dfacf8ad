using Grpc.Core;
using MpcNetwork.Coordinator.Sessions;
using MpcNetwork.Coordinator.Storage;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Coordinator.Services;

/// <summary>The callers' entry point: run a session, read a recorded result.</summary>
internal sealed class CoordinatorService(SessionRunner runner, ResultStore store, ILogger<CoordinatorService> logger) : Protos.Coordinator.V1.Coordinator.CoordinatorBase
{
    public override async Task<RunSessionResponse> RunSession(RunSessionRequest request, ServerCallContext context)
    {
        var caller = MutualTls.GetCallerPartyId(context);

        try
        {
            var result = await runner.RunAsync(request, caller, context.CancellationToken);
            var response = new RunSessionResponse { SessionId = result.SessionId };
            if (result.Recipients.Contains(caller))
            {
                response.Result = result;
            }

            return response;
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
    }

    public override async Task<GetResultResponse> GetResult(GetResultRequest request, ServerCallContext context)
    {
        var caller = MutualTls.GetCallerPartyId(context);

        var result = await store.FindAsync(request.SessionId, context.CancellationToken);

        // A caller that is not a recipient learns nothing, not even whether the session exists.
        if (result is null || !result.Recipients.Contains(caller))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"No published result of session '{request.SessionId}' for '{caller}'."));
        }

        return new GetResultResponse { Result = result };
    }
}
