namespace MpcNetwork.Node.Sessions;

/// <summary>
/// Called before each step of a session. By default it does nothing. With the setting
/// <c>Node:Testing:PauseBeforeStep</c> (fault tests only) the node stops answering before that
/// step until the session ends, so that a test can kill or disconnect it mid-session.
/// </summary>
internal class StepHook(NodeOptions options, ILogger<StepHook> logger)
{
    public virtual async Task BeforeStepAsync(string sessionId, string step, CancellationToken cancellation)
    {
        if (!string.Equals(options.Testing.PauseBeforeStep, step, StringComparison.Ordinal))
        {
            return;
        }

        NodeLog.PausedBeforeStep(logger, sessionId, step);
        await Task.Delay(Timeout.Infinite, cancellation);
    }
}
