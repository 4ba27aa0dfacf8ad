using MpcNetwork.Shared.Privacy;

namespace MpcNetwork.Tests.Privacy;

public class ExponentialMechanismTests
{
    private const int SampleCount = 120_000;

    private static readonly long[] ApprovalCounts = [7, 5, 3, 3, 0, 6];

    [Theory]
    [InlineData(NeighbourRelation.AddRemove, "1", 81UL)]
    [InlineData(NeighbourRelation.Replacement, "1", 82UL)]
    [InlineData(NeighbourRelation.AddRemove, "1/4", 83UL)]
    public void Selection_fits_exponential_weights(NeighbourRelation relation, string epsilonText, ulong seed)
    {
        var mechanism = ExponentialMechanism.ForApprovalVote(Rational.Parse(epsilonText), relation);
        var sampler = SeededBitSource.Sampler(seed);

        var counts = new long[ApprovalCounts.Length];
        for (var i = 0; i < SampleCount; i++)
        {
            counts[mechanism.Select(ApprovalCounts, sampler)]++;
        }

        var probabilities = ExactProbabilities(mechanism.Coefficient.ToDouble());
        var result = ChiSquare.TestCells(counts, probabilities.Select(p => p * SampleCount).ToArray());
        Assert.True(result.SmallestExpected >= ChiSquare.MinimumExpected, result.ToString());
        Assert.True(result.Statistic < result.Critical, result.ToString());

        // The two candidates tied at 3 approvals have the same probability.
        var tieZ = (counts[2] - counts[3]) / Math.Sqrt(counts[2] + counts[3]);
        Assert.True(Math.Abs(tieZ) < 4.9, $"tied candidates were chosen {counts[2]} and {counts[3]} times");
    }

    [Theory]
    [InlineData(NeighbourRelation.AddRemove, "1")]
    [InlineData(NeighbourRelation.Replacement, "1/2")]
    public void Coefficient_depends_on_neighbour_relation(NeighbourRelation relation, string expected)
    {
        var mechanism = ExponentialMechanism.ForApprovalVote(Rational.One, relation);

        Assert.Equal(Rational.Parse(expected), mechanism.Coefficient);
    }

    [Fact]
    public void Huge_utility_gaps_do_not_overflow()
    {
        var mechanism = ExponentialMechanism.ForApprovalVote(Rational.One, NeighbourRelation.AddRemove);
        var sampler = SeededBitSource.Sampler(84);
        long[] utilities = [long.MinValue / 2, long.MaxValue / 2, 0];

        var winners = Enumerable.Range(0, 200).Select(_ => mechanism.Select(utilities, sampler)).Distinct().ToArray();

        Assert.Equal([1], winners);
    }

    [Fact]
    public void UtilityLossBound95_holds()
    {
        var mechanism = ExponentialMechanism.ForApprovalVote(new Rational(1, 2), NeighbourRelation.Replacement);
        long[] utilities = [20, 18, 15, 12, 10, 10, 9, 5, 0, 0];
        var probabilities = ExactProbabilities(mechanism.Coefficient.ToDouble(), utilities);

        var bound = mechanism.UtilityLossBound95(utilities.Length);

        var withinBound = utilities.Select((u, i) => 20 - u <= bound ? probabilities[i] : 0).Sum();
        Assert.True(withinBound >= 0.95, $"utility within {bound:F2} of the maximum has probability {withinBound:F4}");
    }

    [Fact]
    public void Select_rejects_no_candidates()
    {
        var mechanism = ExponentialMechanism.ForApprovalVote(Rational.One, NeighbourRelation.AddRemove);

        Assert.Throws<ArgumentException>(() => mechanism.Select([], SeededBitSource.Sampler(1)));
    }

    private static double[] ExactProbabilities(double coefficient, long[]? utilities = null)
    {
        utilities ??= ApprovalCounts;
        var maximum = utilities.Max();
        var weights = utilities.Select(u => Math.Exp(coefficient * (u - maximum))).ToArray();
        var total = weights.Sum();
        return weights.Select(w => w / total).ToArray();
    }
}
