namespace MpcNetwork.Node.Sessions;

/// <summary>
/// Called before each step of a session. The service registers a hook that does nothing; fault
/// tests register one that pauses a node at a chosen step so that it can be stopped there.
/// </summary>
internal class StepHook
{
    public virtual Task BeforeStepAsync(string sessionId, string step, CancellationToken cancellation) => Task.CompletedTask;
}
