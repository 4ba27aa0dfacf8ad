using System.Numerics;
using MpcNetwork.Shared.Privacy;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Tests.Privacy;

/// <summary>
/// Runs a mechanism on two neighbouring inputs and checks the empirical privacy loss
/// |ln(P̂(o | D)/P̂(o | D′))| of every output o seen at least <see cref="MinimumCount"/> times in
/// both runs. The tolerance for an output is 5.6 standard errors of the log ratio,
/// 5.6·√(1/c + 1/c′) ≤ 0.25, so a correct mechanism fails with probability below 1e-6 over up to
/// 50 outputs. A mechanism whose loss exceeds ε by more than 0.25 at any such output fails.
/// </summary>
public class NeighbourPrivacyTests
{
    private const int SampleCount = 100_000;
    private const long MinimumCount = 1000;
    private const double ToleranceZ = 5.6;

    [Theory]
    [InlineData(3, 2, 101UL)]
    [InlineData(3, 1, 102UL)]
    [InlineData(5, 2, 103UL)]
    public void Coalition_view_of_sum_stays_within_epsilon(int partyCount, int threshold, ulong seed)
    {
        // Party 0 is honest and has input 1 or 0. Parties 1..t collude and subtract their inputs and noise.
        var plan = new NoisySumPlan(partyCount, new FixedPointFormat(0, 0m, 1m), NeighbourRelation.Replacement, new Rational(11, 10), threshold);
        var sampler = SeededBitSource.Sampler(seed);

        var withOne = Histogram.Of(SampleCount, () => CoalitionView(plan, honestInput: 1, colluderCount: threshold, sampler));
        var withZero = Histogram.Of(SampleCount, () => CoalitionView(plan, honestInput: 0, colluderCount: threshold, sampler));
        var loss = MaxExcessLoss(withOne, withZero);

        Assert.True(loss.Compared >= 5, $"only {loss.Compared} outputs were frequent enough to compare");
        Assert.True(loss.Excess <= plan.Epsilon.ToDouble(), loss.ToString());
    }

    [Fact]
    public void Coalition_above_threshold_exceeds_epsilon()
    {
        // Shape 1/2 noise survives one colluder. Two colluders leave a single node's noise,
        // NB(1/2) − NB(1/2), which is more peaked than discrete Laplace, so the check must fail.
        var plan = new NoisySumPlan(3, new FixedPointFormat(0, 0m, 1m), NeighbourRelation.Replacement, new Rational(11, 10), CollusionThreshold: 1);
        var sampler = SeededBitSource.Sampler(104);

        var withOne = Histogram.Of(SampleCount, () => CoalitionView(plan, honestInput: 1, colluderCount: 2, sampler));
        var withZero = Histogram.Of(SampleCount, () => CoalitionView(plan, honestInput: 0, colluderCount: 2, sampler));
        var loss = MaxExcessLoss(withOne, withZero);

        Assert.True(loss.Excess > plan.Epsilon.ToDouble(), loss.ToString());
    }

    [Fact]
    public void Randomized_response_stays_within_ln_three()
    {
        var sampler = SeededBitSource.Sampler(105);
        var mechanism = RandomizedResponse.Classic;

        var saidYesWhenYes = Histogram.Of(SampleCount, () => mechanism.Respond(true, sampler) ? 1 : 0);
        var saidYesWhenNo = Histogram.Of(SampleCount, () => mechanism.Respond(false, sampler) ? 1 : 0);
        var loss = MaxExcessLoss(saidYesWhenYes, saidYesWhenNo);

        Assert.Equal(2, loss.Compared);
        Assert.True(loss.Excess <= mechanism.EpsilonUpperBound.ToDouble(), loss.ToString());
    }

    [Theory]
    [InlineData(NeighbourRelation.AddRemove, 106UL)]
    [InlineData(NeighbourRelation.Replacement, 107UL)]
    public void Approval_winner_stays_within_epsilon(NeighbourRelation relation, ulong seed)
    {
        // Add/remove: one extra ballot approves candidates 1 and 2. Replacement: one ballot moves
        // its approval from candidate 0 to candidate 1. Candidate 0's count falls while the
        // normaliser grows, so its probability drops by (1 + e^(2c))/2, within e^ε only for c = ε/2.
        long[] counts = [6, 6, 4, 4];
        long[] neighbour = relation == NeighbourRelation.AddRemove ? [6, 7, 5, 4] : [5, 7, 4, 4];
        var mechanism = ExponentialMechanism.ForApprovalVote(Rational.One, relation);
        var sampler = SeededBitSource.Sampler(seed);

        var first = Histogram.Of(SampleCount, () => mechanism.Select(counts, sampler));
        var second = Histogram.Of(SampleCount, () => mechanism.Select(neighbour, sampler));
        var loss = MaxExcessLoss(first, second);

        Assert.Equal(4, loss.Compared);
        Assert.True(loss.Excess <= 1.0, loss.ToString());
    }

    // Runs the sum once through additive sharing in the ring and returns what the colluding parties
    // 1..colluderCount learn about party 0: the decoded result minus their own inputs and noise.
    private static BigInteger CoalitionView(NoisySumPlan plan, long honestInput, int colluderCount, ExactSampler sampler)
    {
        var noise = plan.Noise;
        var ring = new ulong[plan.PartyCount];
        BigInteger colluderContribution = 0;
        for (var party = 0; party < plan.PartyCount; party++)
        {
            var input = party == 0 ? honestInput : 0;
            var contribution = input + noise.SampleShare(sampler);
            var shares = AdditiveSharing.Split(unchecked((ulong)(long)contribution), plan.PartyCount);
            for (var holder = 0; holder < plan.PartyCount; holder++)
            {
                ring[holder] += shares[holder];
            }

            if (party >= 1 && party <= colluderCount)
            {
                colluderContribution += contribution;
            }
        }

        var result = plan.Bounds.Decode(AdditiveSharing.Reconstruct(ring));
        return new BigInteger(result) - colluderContribution;
    }

    private static LossResult MaxExcessLoss(Dictionary<long, long> first, Dictionary<long, long> second)
    {
        var worst = new LossResult(double.NegativeInfinity, 0, 0, 0, 0);
        var compared = 0;
        foreach (var (output, count) in first)
        {
            var other = second.GetValueOrDefault(output);
            if (count < MinimumCount || other < MinimumCount)
            {
                continue;
            }

            compared++;
            var loss = Math.Abs(Math.Log((double)count / other));
            var tolerance = ToleranceZ * Math.Sqrt((1.0 / count) + (1.0 / other));
            if (loss - tolerance > worst.Excess)
            {
                worst = new LossResult(loss - tolerance, loss, tolerance, output, 0);
            }
        }

        return worst with { Compared = compared };
    }

    private readonly record struct LossResult(double Excess, double Loss, double Tolerance, long Output, int Compared)
    {
        public override string ToString() =>
            $"output {Output}: empirical loss {Loss:F4} minus tolerance {Tolerance:F4} is {Excess:F4}, over {Compared} compared outputs";
    }
}
