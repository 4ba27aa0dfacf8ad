using MpcNetwork.Shared.Privacy;

namespace MpcNetwork.Tests.Privacy;

/// <summary>
/// Fixed-seed sequences of each sampler. A change to a sampler's algorithm, even one that keeps its
/// distribution, changes these, so such a change must be deliberate and update them.
/// </summary>
public class GoldenSequenceTests
{
    [Fact]
    public void Polya_share_sequence_is_fixed()
    {
        var noise = new PolyaNoise(new Rational(5, 2), partyCount: 4, collusionThreshold: 1);
        var sampler = SeededBitSource.Sampler(201);

        var samples = Enumerable.Range(0, 12).Select(_ => (long)noise.SampleShare(sampler)).ToArray();

        long[] expected = [-1, 0, 2, 0, -3, -2, 0, 0, 0, 0, 0, 0];
        Assert.Equal(expected, samples);
    }

    [Fact]
    public void Randomized_response_sequence_is_fixed()
    {
        var classic = RandomizedResponse.Classic;
        var general = RandomizedResponse.ForEpsilon(new Rational(1, 2));
        var sampler = SeededBitSource.Sampler(202);

        var reports = Enumerable.Range(0, 12).Select(i => (i < 6 ? classic : general).Respond(i % 2 == 0, sampler) ? 1 : 0).ToArray();

        int[] expected = [1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0];
        Assert.Equal(expected, reports);
    }

    [Fact]
    public void Exponential_mechanism_sequence_is_fixed()
    {
        var mechanism = ExponentialMechanism.ForApprovalVote(new Rational(1, 2), NeighbourRelation.Replacement);
        var sampler = SeededBitSource.Sampler(203);
        long[] counts = [4, 6, 5, 1];

        var winners = Enumerable.Range(0, 12).Select(_ => mechanism.Select(counts, sampler)).ToArray();

        int[] expected = [1, 2, 2, 1, 2, 0, 2, 2, 2, 1, 3, 1];
        Assert.Equal(expected, winners);
    }
}
