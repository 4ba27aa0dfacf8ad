using System.Numerics;
using MpcNetwork.Shared.Privacy;

namespace MpcNetwork.Tests.Privacy;

public class DiscreteLaplaceTests
{
    private const int SampleCount = 120_000;

    // Two-sided z for a false-failure rate of 1e-6 split over the 8 symmetry comparisons.
    private const double SymmetryZ = 5.33;

    [Theory]
    [InlineData("1/2", 11UL)]
    [InlineData("5000/5493", 12UL)] // ε/Δ = 1.0986, just below ln 3
    [InlineData("1", 13UL)]
    [InlineData("10", 14UL)]
    public void Samples_fit_exact_pmf(string scaleText, ulong seed)
    {
        var scale = Rational.Parse(scaleText);
        var laplace = new DiscreteLaplace(scale);
        var sampler = SeededBitSource.Sampler(seed);

        var counts = Histogram.Of(SampleCount, () => laplace.Sample(sampler));
        var result = IntegerDistribution.DiscreteLaplace(scale.ToDouble()).Test(counts, SampleCount);

        Assert.True(result.Statistic < result.Critical, result.ToString());
        Assert.True(result.DegreesOfFreedom >= 4, result.ToString());
    }

    [Theory]
    [InlineData("1/2", 21UL)]
    [InlineData("1", 22UL)]
    [InlineData("10", 23UL)]
    public void Samples_are_symmetric(string scaleText, ulong seed)
    {
        var laplace = new DiscreteLaplace(Rational.Parse(scaleText));
        var sampler = SeededBitSource.Sampler(seed);

        var counts = Histogram.Of(SampleCount, () => laplace.Sample(sampler));

        // Under symmetry, given m = c(+k) + c(−k), c(+k) is Binomial(m, 1/2).
        for (var k = 1; k <= 8; k++)
        {
            var positive = counts.GetValueOrDefault(k);
            var negative = counts.GetValueOrDefault(-k);
            if (positive + negative < 25)
            {
                continue;
            }

            var z = (positive - negative) / Math.Sqrt(positive + negative);
            Assert.True(Math.Abs(z) < SymmetryZ, $"P(+{k}) and P(-{k}) differ: counts {positive} and {negative}, z = {z:F2}");
        }

        var mean = counts.Sum(pair => (double)pair.Key * pair.Value) / SampleCount;
        var variance = IntegerDistribution.DiscreteLaplace(Rational.Parse(scaleText).ToDouble()).Variance();
        var meanZ = mean / Math.Sqrt(variance / SampleCount);
        Assert.True(Math.Abs(meanZ) < 4.9, $"mean {mean:F4} is {meanZ:F2} standard errors from 0");
    }

    [Fact]
    public void Fixed_seed_gives_fixed_sequence()
    {
        var laplace = new DiscreteLaplace(new Rational(3, 2));
        var sampler = SeededBitSource.Sampler(42);

        var samples = Enumerable.Range(0, 12).Select(_ => (long)laplace.Sample(sampler)).ToArray();

        Assert.Equal(GoldenSequence, samples);
    }

    [Fact]
    public void ForPrivacy_uses_sensitivity_over_epsilon()
    {
        var laplace = DiscreteLaplace.ForPrivacy(new BigInteger(150), Rational.Parse("0.3"));

        Assert.Equal(new Rational(500, 1), laplace.Scale);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Constructor_rejects_nonpositive_scale(string scaleText)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiscreteLaplace(Rational.Parse(scaleText)));
    }

    [Theory]
    [InlineData("1/2")]
    [InlineData("1")]
    [InlineData("37/3")]
    [InlineData("1000")]
    public void HalfWidth_is_smallest_95_percent_interval(string scaleText)
    {
        var scale = Rational.Parse(scaleText);
        var distribution = IntegerDistribution.DiscreteLaplace(scale.ToDouble());

        var k = (long)new DiscreteLaplace(scale).HalfWidth();

        var inside = distribution.LeftTail(k + 1) - distribution.LeftTail(-k);
        var insideSmaller = distribution.LeftTail(k) - distribution.LeftTail(-k + 1);
        Assert.True(inside >= 0.95, $"[-{k}, {k}] covers only {inside:F5}");
        Assert.True(k == 0 || insideSmaller < 0.95, $"[-{k - 1}, {k - 1}] already covers {insideSmaller:F5}");
    }

    private static readonly long[] GoldenSequence = [-1, -1, -5, 3, -1, 0, 0, 1, 3, 2, -2, 0];
}
