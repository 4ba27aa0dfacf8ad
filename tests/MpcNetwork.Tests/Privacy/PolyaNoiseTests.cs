using System.Numerics;
using MpcNetwork.Shared.Privacy;

namespace MpcNetwork.Tests.Privacy;

public class PolyaNoiseTests
{
    private const int SampleCount = 120_000;

    [Theory]
    [InlineData(3, 0, 41UL)]
    [InlineData(5, 0, 42UL)]
    [InlineData(5, 2, 43UL)]
    public void Honest_nodes_sum_to_discrete_laplace(int partyCount, int threshold, ulong seed)
    {
        // Any n − t nodes' noise must add up to exactly one discrete Laplace of the target scale.
        var scale = new Rational(2, 1);
        var noise = new PolyaNoise(scale, partyCount, threshold);
        var honestCount = partyCount - threshold;
        var sampler = SeededBitSource.Sampler(seed);

        var counts = Histogram.Of(SampleCount, () => SumOfShares(noise, sampler, honestCount));
        var result = IntegerDistribution.DiscreteLaplace(2).Test(counts, SampleCount);

        Assert.Equal(new Rational(1, honestCount), noise.Shape);
        Assert.True(result.Statistic < result.Critical, result.ToString());
    }

    [Theory]
    [InlineData(3, null, 51UL)]
    [InlineData(5, null, 52UL)]
    [InlineData(3, 1, 53UL)]
    public void All_nodes_sum_to_polya_difference(int partyCount, int? threshold, ulong seed)
    {
        // The sum over all n nodes is NB(n/(n − t)) − NB(n/(n − t)).
        var noise = new PolyaNoise(new Rational(3, 2), partyCount, threshold);
        var totalShape = (noise.Shape * new Rational(partyCount, 1)).ToDouble();
        var sampler = SeededBitSource.Sampler(seed);

        var counts = Histogram.Of(SampleCount, () => SumOfShares(noise, sampler, partyCount));
        var result = IntegerDistribution.PolyaDifference(totalShape, 1.5).Test(counts, SampleCount);

        Assert.True(result.Statistic < result.Critical, result.ToString());
    }

    [Fact]
    public void Single_share_fits_fractional_shape()
    {
        var noise = new PolyaNoise(new Rational(5, 1), partyCount: 4, collusionThreshold: 1);
        var sampler = SeededBitSource.Sampler(61);

        var counts = Histogram.Of(SampleCount, () => noise.SampleShare(sampler));
        var result = IntegerDistribution.PolyaDifference(1.0 / 3, 5).Test(counts, SampleCount);

        Assert.True(result.Statistic < result.Critical, result.ToString());
    }

    [Fact]
    public void Default_threshold_is_all_but_one()
    {
        var noise = new PolyaNoise(Rational.One, partyCount: 4);

        Assert.Equal(3, noise.CollusionThreshold);
        Assert.Equal(Rational.One, noise.Shape);
    }

    [Theory]
    [InlineData(3, -1)]
    [InlineData(3, 3)]
    public void Constructor_rejects_threshold_out_of_range(int partyCount, int threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyaNoise(Rational.One, partyCount, threshold));
    }

    [Theory]
    [InlineData(3, 0, "2")]
    [InlineData(3, 2, "2")]
    [InlineData(5, 4, "3/2")]
    [InlineData(5, 2, "10")]
    public void TotalHalfWidth_is_smallest_95_percent_interval(int partyCount, int threshold, string scaleText)
    {
        var scale = Rational.Parse(scaleText);
        var noise = new PolyaNoise(scale, partyCount, threshold);
        var totalShape = (noise.Shape * new Rational(partyCount, 1)).ToDouble();
        var distribution = IntegerDistribution.PolyaDifference(totalShape, scale.ToDouble());

        var k = (long)noise.TotalHalfWidth();

        var coverage = distribution.LeftTail(k + 1) - distribution.LeftTail(-k);
        var smallerCoverage = distribution.LeftTail(k) - distribution.LeftTail(-k + 1);
        Assert.True(coverage >= 0.95, $"[-{k}, {k}] covers only {coverage:F5}");
        Assert.True(smallerCoverage < 0.95, $"[-{k - 1}, {k - 1}] already covers {smallerCoverage:F5}");
    }

    [Fact]
    public void TotalHalfWidth_falls_back_for_huge_scale()
    {
        // At scale 10^6 the table is too large and the Chernoff bound is used. The noise divided by
        // its scale barely changes between scales 10^4 and 10^6, so the tabulated interval at 10^4,
        // scaled up, is close to the smallest one at 10^6.
        var tabulated = (double)new PolyaNoise(new Rational(10_000, 1), 5, 4).TotalHalfWidth() * 100;

        var bound = (double)new PolyaNoise(new Rational(1_000_000, 1), 5, 4).TotalHalfWidth();

        Assert.True(bound >= tabulated * 1.001, $"bound {bound} is not wider than the scaled tabulated width {tabulated}");
        Assert.True(bound <= tabulated * 1.8, $"bound {bound} is far wider than the scaled tabulated width {tabulated}");
    }

    private static BigInteger SumOfShares(PolyaNoise noise, ExactSampler sampler, int count)
    {
        BigInteger sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += noise.SampleShare(sampler);
        }

        return sum;
    }
}
