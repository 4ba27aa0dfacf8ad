using System.Globalization;
using Grpc.Core;
using MpcNetwork.Node.Privacy;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Privacy;
using MpcNetwork.Tests.Support;

namespace MpcNetwork.Tests.Cluster;

public class PrivacyClusterTests
{
    private static readonly (string, string)[] Raises = [("alice", "38.00"), ("bob", "25.14"), ("carlos", "29.82"), ("david", "33.90")];

    private static RunSessionRequest PrivateSum(string epsilon) => new()
    {
        Computation = Computation.Sum,
        NumberFormat = new NumberFormat { Scale = 2, Min = "0", Max = "100" },
        Dp = new DpParameters { Epsilon = epsilon },
    };

    [Fact]
    public async Task Private_sum_is_on_grid_with_expected_spread()
    {
        await using var federation = await TestFederation.StartAsync(Raises, nodeSettings: _ => new Dictionary<string, string?> { ["Node:Privacy:DefaultBudget"] = "1000" });
        const decimal exact = 126.86m;

        var values = new List<decimal>();
        for (var i = 0; i < 100; i++)
        {
            var result = (await federation.RunAsync(PrivateSum("2"))).Result;
            var value = decimal.Parse(result.Scalar.Value, CultureInfo.InvariantCulture);
            Assert.Equal(value, decimal.Round(value, 2));
            values.Add(value);
        }

        // Sensitivity 100.00 = 10000 units and epsilon 2 give a discrete Laplace scale b = 5000
        // units per node; with n - 1 = 3 colluders allowed each of the 4 nodes adds a whole one.
        // Variance of one: 2a/(1-a)^2 with a = exp(-1/b).
        var a = Math.Exp(-1 / 5000.0);
        var expectedVariance = 4 * 2 * a / ((1 - a) * (1 - a)) / 10000.0;
        var mean = values.Average();
        var variance = values.Sum(value => (double)((value - mean) * (value - mean))) / (values.Count - 1);
        var ratio = variance / expectedVariance;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"private sum: mean {mean:0.00} (exact {exact}), sample variance {variance:0.00}, theory {expectedVariance:0.00}, ratio {ratio:0.000}");

        // 100 sessions: the sample variance's relative standard deviation is about 0.17, so these
        // bounds sit more than 3 standard deviations away.
        Assert.InRange(ratio, 0.45, 1.7);
        Assert.InRange((double)(mean - exact), -0.5 * Math.Sqrt(expectedVariance), 0.5 * Math.Sqrt(expectedVariance));
        Assert.DoesNotContain(values, value => value == exact);
        Assert.DoesNotContain(federation.Logs.Lines, line => line.Contains("126.86", StringComparison.Ordinal) || line.Contains("12686", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Private_result_describes_its_release()
    {
        await using var federation = await TestFederation.StartAsync(Raises);

        var outcome = await federation.RunAsync(PrivateSum("1/2"));
        var recorded = await federation.Store.FindAsync(outcome.SessionId, CancellationToken.None).Within();

        var dp = outcome.Result.Dp;
        Assert.Equal("discrete-laplace", dp.Mechanism);
        Assert.Equal("0.5", dp.Epsilon);
        Assert.Equal("100", dp.Sensitivity);
        Assert.Equal("200", dp.NoiseScale);
        Assert.Equal(3, dp.CollusionThreshold);
        Assert.True(decimal.Parse(dp.IntervalHalfWidth, CultureInfo.InvariantCulture) > 200);
        Assert.NotEqual("126.86", recorded!.Scalar.Value);
        Assert.Equal(outcome.Result.Scalar.Value, recorded.Scalar.Value);
    }

    [Fact]
    public async Task Budget_is_debited_and_refused_when_spent()
    {
        await using var federation = await TestFederation.StartAsync(Raises, nodeSettings: party => new Dictionary<string, string?>
        {
            ["Node:Privacy:Budgets:default"] = party == "carlos" ? "3/2" : "10",
        });

        await federation.RunAsync(PrivateSum("1"));
        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(PrivateSum("1")));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("because of party 'carlos'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("rule privacy-budget", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("has 0.5 of its privacy budget left, the plan asks for epsilon 1", error.Status.Detail, StringComparison.Ordinal);

        var ledger = OpenLedger(federation, "carlos", "3/2");
        Assert.Equal(Rational.One, ledger.GetStatus("default").Spent);
        Assert.Equal(1, ledger.GetStatus("default").SpendCount);
    }

    [Fact]
    public async Task Spend_survives_node_killed_after_debit()
    {
        await using var federation = await TestFederation.StartAsync(Raises, nodeSettings: party => party == "bob"
            ? new Dictionary<string, string?> { ["Node:Testing:PauseBeforeStep"] = "exchange" }
            : []);
        var paused = federation.Logs.WaitForAsync("pausing before step exchange");

        var session = federation.RunAsync(PrivateSum("1/4"));
        await paused.Within();
        await federation.KillNodeAsync("bob");
        await Assert.ThrowsAsync<RpcException>(() => session);

        // A new process opening the same file sees the committed spend; nothing was refunded.
        var ledger = OpenLedger(federation, "bob", "10");
        Assert.Equal(new Rational(1, 4), ledger.GetStatus("default").Spent);
        Assert.Equal(0, await federation.Store.CountAsync(CancellationToken.None).Within());
    }

    [Fact]
    public async Task Poll_publishes_tally_and_estimate()
    {
        string[] answers = ["yes", "no", "yes", "yes", "no", "yes"];
        await using var federation = await TestFederation.StartAsync([.. answers.Select((answer, i) => ($"p{i}", answer))], nodeSettings: LargeBudget);

        // With epsilon 30 a randomized answer is the true one except with probability below 1e-13.
        var poll = (await federation.RunAsync(new RunSessionRequest { Computation = Computation.Poll, Dp = new DpParameters { Epsilon = "30" } })).Result;

        Assert.Equal(4, poll.Poll.YesCount);
        Assert.Equal(6, poll.Poll.Respondents);
        Assert.Equal(4 / 6.0, double.Parse(poll.Poll.Estimate, CultureInfo.InvariantCulture), 3);
        Assert.Equal("randomized-response", poll.Dp.Mechanism);
    }

    [Fact]
    public async Task Classic_poll_costs_ln_three()
    {
        await using var federation = await TestFederation.StartAsync([("a", "yes"), ("b", "no"), ("c", "no")]);

        var poll = (await federation.RunAsync(new RunSessionRequest { Computation = Computation.Poll })).Result;

        Assert.InRange(poll.Poll.YesCount, 0, 3);
        Assert.Equal("1.0987", poll.Dp.Epsilon);
        Assert.Equal("0.75", poll.Dp.NoiseScale);
        var ledger = OpenLedger(federation, "a", "10");
        Assert.Equal(RandomizedResponse.LnThreeUpperBound, ledger.GetStatus("default").Spent);
    }

    [Fact]
    public async Task Private_vote_counts_stay_close_with_large_epsilon()
    {
        await using var federation = await TestFederation.StartAsync([("a", "red"), ("b", "blue"), ("c", "red"), ("d", "red")], nodeSettings: LargeBudget);
        var request = new RunSessionRequest
        {
            Computation = Computation.Vote,
            Vote = new VoteParameters { Kind = BallotKind.Plurality, Options = { "red", "blue" } },
            Dp = new DpParameters { Epsilon = "40" },
        };

        var vote = (await federation.RunAsync(request)).Result;

        // Scale 1/40 per node: every node's noise is 0 except with probability about 2e-17.
        Assert.Equal([3L, 1L], vote.Vote.Counts.Select(count => count.Count));
        Assert.Equal("1", vote.Dp.Sensitivity);
    }

    [Theory]
    [InlineData("0", "epsilon '0' is not a positive number")]
    [InlineData("abc", "epsilon 'abc' is not a positive number")]
    public async Task Invalid_epsilon_is_rejected(string epsilon, string expected)
    {
        await using var federation = await TestFederation.StartAsync(Raises);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(PrivateSum(epsilon)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Noise_that_could_overflow_is_rejected()
    {
        await using var federation = await TestFederation.StartAsync(Raises);
        var request = PrivateSum("1/100000000000000");

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("beyond the 64-bit ring limit", error.Status.Detail, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> LargeBudget(string party) => new() { ["Node:Privacy:DefaultBudget"] = "1000" };

    private static BudgetLedger OpenLedger(TestFederation federation, string party, string total) =>
        new(Path.Combine(federation.Directory, party + "-privacy-ledger.db"), new Dictionary<string, Rational> { ["default"] = Rational.Parse(total) }, TimeProvider.System);
}
