using Grpc.Core;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Tests.Support;

namespace MpcNetwork.Tests.Cluster;

public class PolicyClusterTests
{
    private static readonly (string, string)[] Parties = [("alice", "3800"), ("bob", "2514"), ("carlos", "2982")];

    [Fact]
    public async Task Two_party_sum_is_rejected_by_default()
    {
        await using var federation = await TestFederation.StartAsync(Parties);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(Computation.Sum, parties: ["alice", "bob"]));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("parties 'alice', 'bob'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("rule min-parties", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("sum needs at least 3 parties on this node, the plan has 2", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await federation.Store.CountAsync(CancellationToken.None).Within());
    }

    [Fact]
    public async Task Computation_not_joined_is_rejected()
    {
        await using var federation = await TestFederation.StartAsync(Parties, nodeSettings: party => party == "carlos"
            ? new Dictionary<string, string?> { ["Node:Policy:Computations:0"] = "sum" }
            : []);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.AuctionAsync());
        var sum = await federation.RunAsync(Computation.Sum);

        Assert.Contains("because of party 'carlos'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("rule computation-not-allowed", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("9296", sum.Result.Scalar.Value);
    }

    [Fact]
    public async Task Recipient_not_allowed_is_rejected()
    {
        await using var federation = await TestFederation.StartAsync(Parties, nodeSettings: party => party == "bob"
            ? new Dictionary<string, string?> { ["Node:Policy:AllowedRecipients:0"] = "alice", ["Node:Policy:AllowedRecipients:1"] = "bob" }
            : []);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(Computation.Sum, recipients: ["alice", "caller"]));
        var allowed = await federation.RunAsync(Computation.Sum, recipients: ["alice", "bob"]);

        Assert.Contains("because of party 'bob'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("rule recipient-not-allowed: recipient 'caller' is not allowed", error.Status.Detail, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(allowed.SessionId));
        Assert.Equal(1, await federation.Store.CountAsync(CancellationToken.None).Within());
    }

    [Fact]
    public async Task Plan_narrower_than_declared_range_is_rejected()
    {
        await using var federation = await TestFederation.StartAsync(Parties, nodeSettings: party => new Dictionary<string, string?>
        {
            ["Node:Policy:InputMin"] = "0",
            ["Node:Policy:InputMax"] = "10000",
        });

        var narrow = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(Computation.Sum, format: new NumberFormat { Min = "2000", Max = "4000" }));
        var wide = await federation.RunAsync(Computation.Sum, format: new NumberFormat { Min = "0", Max = "10000" });

        Assert.Contains("rule input-range-policy", narrow.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("[2000, 4000] is narrower than this node's declared input range [0, 10000]", narrow.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("9296", wide.Result.Scalar.Value);
    }

    [Fact]
    public async Task Raised_minimum_parties_is_enforced()
    {
        await using var federation = await TestFederation.StartAsync(Parties, nodeSettings: party => party == "alice"
            ? new Dictionary<string, string?> { ["Node:Policy:MinParties:auction"] = "3" }
            : []);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(new Protos.Coordinator.V1.RunSessionRequest
        {
            Computation = Computation.Auction,
            Parties = { "alice", "bob" },
        }));

        Assert.Contains("because of party 'alice'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("auction needs at least 3 parties", error.Status.Detail, StringComparison.Ordinal);
    }
}
