namespace MpcNetwork.Node;

/// <summary>
/// The node's log events. They carry ids, steps, counts and timings; never an input, share,
/// seed or partial.
/// </summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Session {SessionId}: party {PartyId} accepted the plan ({Computation}, {PartyCount} parties)")]
    public static partial void PlanAccepted(ILogger logger, string sessionId, string partyId, string computation, int partyCount);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Session {SessionId}: party {PartyId} rejected the plan: {Rule}: {Detail}")]
    public static partial void PlanRejected(ILogger logger, string sessionId, string partyId, string rule, string detail);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Session {SessionId}: party {PartyId} exchanged seeds with {PeerPartyId}")]
    public static partial void PeerExchanged(ILogger logger, string sessionId, string partyId, string peerPartyId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Session {SessionId}: party {PartyId} finished step {Step} in {ElapsedMs} ms")]
    public static partial void StepFinished(ILogger logger, string sessionId, string partyId, string step, long elapsedMs);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Session {SessionId}: party {PartyId} sent its masked partial for round {Round} ({ByteCount} bytes)")]
    public static partial void PartialSent(ILogger logger, string sessionId, string partyId, int round, long byteCount);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Session {SessionId}: party {PartyId} received the published result")]
    public static partial void ResultReceived(ILogger logger, string sessionId, string partyId);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Session {SessionId}: party {PartyId} finished in {ElapsedMs} ms")]
    public static partial void SessionFinished(ILogger logger, string sessionId, string partyId, long elapsedMs);

    [LoggerMessage(EventId = 107, Level = LogLevel.Error, Message = "Session {SessionId}: party {PartyId} failed at step {Step} because of party {FaultyPartyId}: {Detail}")]
    public static partial void SessionFailed(ILogger logger, string sessionId, string partyId, string step, string faultyPartyId, string detail);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "Session {SessionId}: party {PartyId} aborted by the coordinator: {Reason}")]
    public static partial void SessionAborted(ILogger logger, string sessionId, string partyId, string reason);

    [LoggerMessage(EventId = 109, Level = LogLevel.Warning, Message = "Peer stream rejected from {CallerPartyId}: {Reason}")]
    public static partial void PeerRejected(ILogger logger, string callerPartyId, string reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Session stream rejected from {CallerPartyId}: only {CoordinatorId} may send plans")]
    public static partial void CoordinatorRejected(ILogger logger, string callerPartyId, string coordinatorId);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Session {SessionId}: pausing before step {Step} as Node:Testing:PauseBeforeStep asks")]
    public static partial void PausedBeforeStep(ILogger logger, string sessionId, string step);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Session {SessionId}: party {PartyId} debited epsilon {Epsilon} from the privacy budget of input {InputName}")]
    public static partial void BudgetDebited(ILogger logger, string sessionId, string partyId, string inputName, string epsilon);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "Session {SessionId}: party {PartyId} starts PSI in {Mode} mode with leader {LeaderPartyId}; its input had {BlankLineCount} blank lines and {DuplicateCount} duplicates, dropped")]
    public static partial void PsiStarted(ILogger logger, string sessionId, string partyId, string mode, string leaderPartyId, int blankLineCount, int duplicateCount);

    [LoggerMessage(EventId = 113, Level = LogLevel.Information, Message = "Session {SessionId}: party {PartyId} received {ByteCount} of {ExpectedByteCount} PSI bytes from {PeerPartyId}")]
    public static partial void PsiProgress(ILogger logger, string sessionId, string partyId, string peerPartyId, long byteCount, long expectedByteCount);

    [LoggerMessage(EventId = 114, Level = LogLevel.Information, Message = "Session {SessionId}: party {PartyId} finished its PSI stream with {PeerPartyId}: sent {SentByteCount} bytes, received {ByteCount} bytes in {ElapsedMs} ms")]
    public static partial void PsiPeerFinished(ILogger logger, string sessionId, string partyId, string peerPartyId, long sentByteCount, long byteCount, long elapsedMs);

    [LoggerMessage(EventId = 115, Level = LogLevel.Information, Message = "Session {SessionId}: party {PartyId} wrote the PSI result to {Path}")]
    public static partial void PsiResultWritten(ILogger logger, string sessionId, string partyId, string path);

    [LoggerMessage(EventId = 116, Level = LogLevel.Error, Message = "Session {SessionId}: party {PartyId} could not write the PSI result to {Path}: {Detail}")]
    public static partial void PsiResultWriteFailed(ILogger logger, string sessionId, string partyId, string path, string detail);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Session {SessionId}: party {PartyId} could not reach peer {PeerPartyId} (attempt {Attempt}); retrying")]
    public static partial void PeerDialRetried(ILogger logger, string sessionId, string partyId, string peerPartyId, int attempt);
}
