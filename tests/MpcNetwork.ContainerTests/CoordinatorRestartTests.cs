using MpcNetwork.ContainerTests.Support;
using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.ContainerTests;

/// <summary>The coordinator's record of published results survives a restart of its container.</summary>
public sealed class CoordinatorRestartTests
{
    [Fact]
    public async Task Restarted_coordinator_keeps_results()
    {
        await using var federation = await ContainerFederation.StartAsync(Parties.Three);
        var before = await federation.RunAsync(Computation.Sum);
        Assert.Equal("10800", before.Result.Scalar.Value);

        await federation.RestartCoordinatorAsync();

        var recorded = await federation.GetResultAsync(before.SessionId);
        Assert.Equal(before.SessionId, recorded.SessionId);
        Assert.Equal("10800", recorded.Scalar.Value);
        Assert.Equal(before.Result.PublishedAt, recorded.PublishedAt);

        var after = await federation.RunAsync(Computation.Average);
        Assert.Equal("3600", after.Result.Scalar.Value);
    }
}
