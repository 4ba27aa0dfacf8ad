using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using MpcNetwork.Node.Sessions;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Tests.Support;

namespace MpcNetwork.Tests.Cluster;

public class SumClusterTests
{
    private static readonly (string, string)[] Raises = [("alice", "3800"), ("bob", "2514"), ("carlos", "2982"), ("david", "3390")];

    [Fact]
    public async Task Four_raises_give_sum_and_average()
    {
        await using var federation = await TestFederation.StartAsync(Raises);

        var sum = await federation.RunAsync(Computation.Sum);
        var average = await federation.RunAsync(Computation.Average);

        Assert.Equal("12686", sum.Result.Scalar.Value);
        Assert.Equal("3171.5", average.Result.Scalar.Value);
        Assert.Equal(["alice", "bob", "carlos", "david"], sum.Result.Parties);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(10, 2)]
    public async Task Random_inputs_match_plain_sum(int partyCount, int seed)
    {
        var random = new Random(seed);
        var parties = Enumerable.Range(0, partyCount)
            .Select(i => ($"party-{i}", random.NextInt64(-1_000_000_000, 1_000_000_001)))
            .ToList();
        await using var federation = await TestFederation.StartAsync([.. parties.Select(party => (party.Item1, party.Item2.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);

        var sum = await federation.RunAsync(Computation.Sum);

        var expected = parties.Sum(party => (decimal)party.Item2);
        Assert.Equal(expected, decimal.Parse(sum.Result.Scalar.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Decimals_and_negatives_sum_exactly()
    {
        await using var federation = await TestFederation.StartAsync([("alice", "-12.25"), ("bob", "3.5"), ("carlos", "0.01")]);
        var format = new NumberFormat { Scale = 2, Min = "-100", Max = "100" };

        var sum = await federation.RunAsync(Computation.Sum, format: format);
        var average = await federation.RunAsync(Computation.Average, format: format);

        Assert.Equal("-8.74", sum.Result.Scalar.Value);
        Assert.Equal("-2.913333", average.Result.Scalar.Value[..9]);
    }

    [Fact]
    public async Task Result_goes_only_to_named_recipients()
    {
        await using var federation = await TestFederation.StartAsync(Raises);

        var response = await federation.RunAsync(Computation.Sum, recipients: ["alice"]);

        Assert.Null(response.Published);
        Assert.NotNull(federation.Node("alice").Services.GetRequiredService<ReceivedResults>().Find(response.SessionId));
        Assert.Null(federation.Node("bob").Services.GetRequiredService<ReceivedResults>().Find(response.SessionId));
        Assert.Equal("12686", (await federation.Store.FindAsync(response.SessionId, CancellationToken.None).Within())!.Scalar.Value);
    }

    [Fact]
    public async Task Input_outside_range_is_rejected_naming_party_and_limit()
    {
        await using var federation = await TestFederation.StartAsync(Raises);
        var format = new NumberFormat { Scale = 0, Min = "0", Max = "3000" };

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(Computation.Sum, format: format));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("parties 'alice', 'david'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("the input of party 'alice' is above the maximum 3000", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("rule input-range", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await federation.Store.CountAsync(CancellationToken.None).Within());
    }

    [Fact]
    public async Task Decimal_input_over_scale_is_rejected()
    {
        await using var federation = await TestFederation.StartAsync([("alice", "1.5"), ("bob", "2"), ("carlos", "3")]);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(Computation.Sum));

        Assert.Contains("more than 0 fractional digits", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("'alice'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_party_is_rejected_before_any_node_is_contacted()
    {
        await using var federation = await TestFederation.StartAsync(Raises);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(Computation.Sum, parties: ["alice", "zoe"]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("'zoe' is not in the coordinator's roster", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_run_concurrently()
    {
        await using var federation = await TestFederation.StartAsync(Raises);

        var sessions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => federation.RunAsync(Computation.Sum))).Within();

        Assert.All(sessions, session => Assert.Equal("12686", session.Result.Scalar.Value));
        Assert.Equal(8, sessions.Select(session => session.SessionId).Distinct().Count());
    }
}
