using Grpc.Core;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.Shared.Protocols;

/// <summary>Client-side calls to the coordinator that gather streamed replies into whole results.</summary>
public static class CoordinatorCalls
{
    /// <summary>Runs a session; returns its id and the result, or null when the caller is not a recipient.</summary>
    public static async Task<(string SessionId, SessionResult? Result)> RunSessionAsync(
        this Protos.Coordinator.V1.Coordinator.CoordinatorClient client, RunSessionRequest request, DateTime deadline, CancellationToken cancellation)
    {
        using var call = client.RunSession(request, deadline: deadline, cancellationToken: cancellation);
        var sessionId = "";
        var assembler = new ResultChunks.Assembler();
        await foreach (var reply in call.ResponseStream.ReadAllAsync(cancellation))
        {
            switch (reply.BodyCase)
            {
                case RunSessionResponse.BodyOneofCase.SessionId:
                    sessionId = reply.SessionId;
                    break;
                case RunSessionResponse.BodyOneofCase.Result:
                    assembler.Add(reply.Result);
                    break;
                case RunSessionResponse.BodyOneofCase.Chunk:
                    assembler.Add(reply.Chunk);
                    break;
            }
        }

        return (sessionId, Complete(assembler));
    }

    /// <summary>Reads a recorded result; throws <see cref="RpcException"/> NotFound when there is none for this caller.</summary>
    public static async Task<SessionResult> GetResultAsync(
        this Protos.Coordinator.V1.Coordinator.CoordinatorClient client, string sessionId, DateTime deadline, CancellationToken cancellation)
    {
        using var call = client.GetResult(new GetResultRequest { SessionId = sessionId }, deadline: deadline, cancellationToken: cancellation);
        var assembler = new ResultChunks.Assembler();
        await foreach (var reply in call.ResponseStream.ReadAllAsync(cancellation))
        {
            if (reply.BodyCase == GetResultResponse.BodyOneofCase.Result)
            {
                assembler.Add(reply.Result);
            }
            else if (reply.BodyCase == GetResultResponse.BodyOneofCase.Chunk)
            {
                assembler.Add(reply.Chunk);
            }
        }

        return Complete(assembler) ?? throw new InvalidDataException($"The coordinator sent no result for session {sessionId}.");
    }

    private static SessionResult? Complete(ResultChunks.Assembler assembler) =>
        assembler.Result is null || assembler.IsComplete
            ? assembler.Result
            : throw new InvalidDataException("The coordinator's reply ended before the whole vector result arrived.");
}
