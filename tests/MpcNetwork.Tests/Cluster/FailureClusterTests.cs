using Grpc.Core;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Tests.Support;

namespace MpcNetwork.Tests.Cluster;

public class FailureClusterTests
{
    private static readonly (string, string)[] Parties = [("alice", "3800"), ("bob", "2514"), ("carlos", "2982"), ("david", "3390")];

    [Fact]
    public async Task Node_stopped_before_session_is_named_and_nothing_published()
    {
        await using var federation = await TestFederation.StartAsync(Parties);
        await federation.KillNodeAsync("carlos");

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(Computation.Sum));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("step 'prepare' because of party 'carlos'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await federation.Store.CountAsync(CancellationToken.None).Within());

        var next = await federation.RunAsync(Computation.Sum, parties: ["alice", "bob", "david"]);
        Assert.Equal("9704", next.Result.Scalar.Value);
    }

    [Theory]
    [InlineData("exchange")]
    [InlineData("partial")]
    public async Task Node_killed_mid_session_is_named_and_nothing_published(string step)
    {
        await using var federation = await TestFederation.StartAsync(
            Parties, nodeSettings: party => party == "bob" ? new Dictionary<string, string?> { ["Node:Testing:PauseBeforeStep"] = step } : []);
        var paused = federation.Logs.WaitForAsync($"pausing before step {step}");

        var session = federation.RunAsync(Computation.Sum);
        await paused.Within();
        await federation.KillNodeAsync("bob");
        var error = await Assert.ThrowsAsync<RpcException>(() => session);

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("because of party 'bob'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await federation.Store.CountAsync(CancellationToken.None).Within());

        var next = await federation.RunAsync(Computation.Sum, parties: ["alice", "carlos", "david"]);
        Assert.Equal("10172", next.Result.Scalar.Value);
    }

    [Fact]
    public async Task Node_that_stops_answering_fails_session_at_deadline()
    {
        await using var federation = await TestFederation.StartAsync(
            Parties, nodeSettings: party => party == "david" ? new Dictionary<string, string?> { ["Node:Testing:PauseBeforeStep"] = "partial" } : []);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(Computation.Sum, timeoutMs: 5000));

        // On a loaded machine other parties can be late as well, so the message may name several.
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("step 'partials' because of part", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("'david'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("deadline", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await federation.Store.CountAsync(CancellationToken.None).Within());
    }
}
