using System.Diagnostics;
using Grpc.Core;
using MpcNetwork.ContainerTests.Support;
using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.ContainerTests;

/// <summary>
/// A node lost mid-session: the session fails before its deadline naming that party, nothing is
/// recorded, and once the party's node is back the next session succeeds. Bob's node pauses
/// before a step (Node:Testing:PauseBeforeStep), so the fault always strikes at that step and
/// before any result exists.
/// </summary>
public sealed class NodeFaultTests
{
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(40);

    /// <summary>
    /// Bob's node is killed while it pauses before the seed exchange or before its partial. The
    /// coordinator is waiting for the partials in both cases, so it reports that step.
    /// </summary>
    [Theory]
    [InlineData("exchange")]
    [InlineData("partial")]
    public async Task Killed_node_fails_session_then_recovers(string pausedStep)
    {
        await using var federation = await ContainerFederation.StartAsync(
            [Parties.Alice, Parties.Bob.PausingBefore(pausedStep), Parties.Carlos], SessionTimeout);

        var elapsed = await AssertSessionFailsAsync(federation, pausedStep, () => federation.KillNodeAsync("bob"));
        TestContext.Current.TestOutputHelper?.WriteLine($"Session failed {elapsed.TotalSeconds:0.0} s after the node was killed (deadline {SessionTimeout.TotalSeconds:0} s).");

        await federation.ReplaceNodeAsync(Parties.Bob);
        await AssertSumAsync(federation);
    }

    [Fact]
    public async Task Disconnected_node_fails_session_then_recovers()
    {
        await using var federation = await ContainerFederation.StartAsync(
            [Parties.Alice, Parties.Bob.PausingBefore("partial"), Parties.Carlos], SessionTimeout);

        var elapsed = await AssertSessionFailsAsync(federation, "partial", () => federation.DisconnectNodeAsync("bob"));
        TestContext.Current.TestOutputHelper?.WriteLine($"Session failed {elapsed.TotalSeconds:0.0} s after the node was disconnected (deadline {SessionTimeout.TotalSeconds:0} s).");

        await federation.ReplaceNodeAsync(Parties.Bob);
        await AssertSumAsync(federation);
    }

    /// <summary>
    /// Starts a sum, applies <paramref name="fault"/> to Bob's node once it has paused before
    /// <paramref name="pausedStep"/>, checks the failure and the empty record, and returns the
    /// time from the fault to the failure.
    /// </summary>
    private static async Task<TimeSpan> AssertSessionFailsAsync(ContainerFederation federation, string pausedStep, Func<Task> fault)
    {
        var sessionClock = Stopwatch.StartNew();
        var session = federation.RunAsync(Computation.Sum);
        await federation.WaitForNodeLogAsync("bob", $"pausing before step {pausedStep}", SessionTimeout);

        var faultClock = Stopwatch.StartNew();
        await fault();
        var error = await Assert.ThrowsAsync<RpcException>(() => session);
        faultClock.Stop();
        sessionClock.Stop();

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("step 'partials'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("party 'bob'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Nothing was published", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("deadline", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(sessionClock.Elapsed < SessionTimeout, $"The session failed {sessionClock.Elapsed.TotalSeconds:0.0} s after it started, not before its {SessionTimeout.TotalSeconds:0} s deadline.");

        var sessionId = ContainerFederation.FailedSessionId(error);
        var lookup = await Assert.ThrowsAsync<RpcException>(() => federation.GetResultAsync(sessionId));
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
        return faultClock.Elapsed;
    }

    private static async Task AssertSumAsync(ContainerFederation federation)
    {
        var response = await federation.RunAsync(Computation.Sum);

        Assert.Equal("10800", response.Result.Scalar.Value);
        var recorded = await federation.GetResultAsync(response.SessionId);
        Assert.Equal("10800", recorded.Scalar.Value);
    }
}
