namespace MpcNetwork.Coordinator;

/// <summary>The coordinator's log events: ids, steps, counts and timings, never a partial or a share.</summary>
internal static partial class CoordinatorLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Session {SessionId}: {Computation} over {PartyCount} parties started by {CallerId}")]
    public static partial void SessionStarted(ILogger logger, string sessionId, string computation, int partyCount, string callerId);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Session {SessionId}: step {Step} finished at {ElapsedMs} ms")]
    public static partial void StepFinished(ILogger logger, string sessionId, string step, long elapsedMs);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Session {SessionId}: {Computation} published to {RecipientCount} recipients in {ElapsedMs} ms")]
    public static partial void SessionPublished(ILogger logger, string sessionId, string computation, int recipientCount, long elapsedMs);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "Session {SessionId}: failed at step {Step} because of party {PartyId} after {ElapsedMs} ms: {Detail}")]
    public static partial void SessionFailed(ILogger logger, string sessionId, string step, string partyId, string detail, long elapsedMs);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Session {SessionId}: result recorded, but party {PartyId} did not receive it: {Detail}")]
    public static partial void PublishIncomplete(ILogger logger, string sessionId, string partyId, string detail);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Request from {CallerId} rejected: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string callerId, string reason);
}
