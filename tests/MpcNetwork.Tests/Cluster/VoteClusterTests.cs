using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using MpcNetwork.Node.Sessions;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Tests.Support;

namespace MpcNetwork.Tests.Cluster;

public class VoteClusterTests
{
    private static readonly string[] Options = ["red", "green", "blue", "amber", "violet"];

    [Fact]
    public async Task Ten_plurality_voters_give_counts_in_plan_order()
    {
        var random = new Random(5);
        var ballots = Enumerable.Range(0, 10).Select(_ => Options[random.Next(Options.Length)]).ToArray();
        await using var federation = await TestFederation.StartAsync([.. ballots.Select((ballot, i) => ($"voter-{i}", ballot))]);

        var vote = (await federation.VoteAsync(BallotKind.Plurality, Options)).Result.Vote;

        Assert.Equal(Options, vote.Counts.Select(count => count.Option));
        foreach (var count in vote.Counts)
        {
            Assert.Equal(ballots.Count(ballot => ballot == count.Option), count.Count);
        }
    }

    [Fact]
    public async Task Ten_approval_voters_give_counts()
    {
        var random = new Random(6);
        var ballots = Enumerable.Range(0, 10)
            .Select(_ => Options.Where(_ => random.Next(2) == 1).DefaultIfEmpty(Options[0]).ToArray())
            .ToArray();
        await using var federation = await TestFederation.StartAsync(
            [.. ballots.Select((ballot, i) => ($"voter-{i}", "[" + string.Join(",", ballot.Select(option => $"\"{option}\"")) + "]"))]);

        var vote = (await federation.VoteAsync(BallotKind.Approval, Options)).Result.Vote;

        foreach (var count in vote.Counts)
        {
            Assert.Equal(ballots.Count(ballot => ballot.Contains(count.Option)), count.Count);
        }
    }

    [Fact]
    public async Task Unicode_option_names_are_counted()
    {
        string[] options = ["Kraków", "Reykjavík", "東京"];
        await using var federation = await TestFederation.StartAsync([("a", "東京"), ("b", "Reykjavi\u0301k"), ("c", "東京")]);

        var vote = (await federation.VoteAsync(BallotKind.Plurality, options)).Result.Vote;

        Assert.Equal([0L, 1L, 2L], vote.Counts.Select(count => count.Count));
        Assert.Equal(options, vote.Counts.Select(count => count.Option));
    }

    [Theory]
    [InlineData("purple", BallotKind.Plurality, "names an option that is not in the plan")]
    [InlineData("[]", BallotKind.Approval, "the ballot is empty")]
    [InlineData("[\"red\",\"blue\"]", BallotKind.Plurality, "takes exactly one")]
    [InlineData("[\"red\",\"red\"]", BallotKind.Approval, "the same option twice")]
    [InlineData("[\"red\",", BallotKind.Approval, "is not an option name or a JSON array")]
    public async Task Invalid_ballot_is_rejected_before_sharing(string ballot, BallotKind kind, string problem)
    {
        await using var federation = await TestFederation.StartAsync([("a", "red"), ("b", ballot), ("c", "green")]);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.VoteAsync(kind, Options));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("the ballot of party 'b' is invalid", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(problem, error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("purple", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, federation.Node("b").Services.GetRequiredService<SessionRegistry>().ActiveCount);
        Assert.DoesNotContain(federation.Logs.Lines, line => line.Contains("exchanged seeds", StringComparison.Ordinal));
        Assert.Equal(0, await federation.Store.CountAsync(CancellationToken.None).Within());
    }

    [Fact]
    public async Task Duplicate_option_in_request_is_rejected()
    {
        await using var federation = await TestFederation.StartAsync([("a", "x"), ("b", "x"), ("c", "x")]);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.VoteAsync(BallotKind.Plurality, "x", "y", "x"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("option 'x' is listed twice", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_matches_voters_with_many_options()
    {
        var options = Enumerable.Range(0, 40).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        await using var federation = await TestFederation.StartAsync([("a", "0"), ("b", "39"), ("c", "39")]);

        var vote = (await federation.VoteAsync(BallotKind.Plurality, options)).Result.Vote;

        Assert.Equal(1, vote.Counts[0].Count);
        Assert.Equal(2, vote.Counts[39].Count);
        Assert.Equal(3, vote.Counts.Sum(count => count.Count));
    }
}
