using MpcNetwork.Shared.Privacy;

namespace MpcNetwork.Tests.Privacy;

public class RandomizedResponseTests
{
    private const int SampleCount = 120_000;

    [Theory]
    [InlineData(true, 71UL)]
    [InlineData(false, 72UL)]
    public void Classic_reports_truth_three_quarters(bool truth, ulong seed)
    {
        var sampler = SeededBitSource.Sampler(seed);

        var truthful = CountTruthful(RandomizedResponse.Classic, truth, sampler);

        var result = ChiSquare.TestCells([truthful, SampleCount - truthful], [SampleCount * 0.75, SampleCount * 0.25]);
        Assert.True(result.Statistic < result.Critical, result.ToString());
    }

    [Theory]
    [InlineData("1/2", 73UL)]
    [InlineData("2", 74UL)]
    public void General_reports_truth_with_logistic_probability(string epsilonText, ulong seed)
    {
        var epsilon = Rational.Parse(epsilonText);
        var mechanism = RandomizedResponse.ForEpsilon(epsilon);
        var keep = Math.Exp(epsilon.ToDouble()) / (1 + Math.Exp(epsilon.ToDouble()));
        var sampler = SeededBitSource.Sampler(seed);

        var truthful = CountTruthful(mechanism, truth: true, sampler);

        var result = ChiSquare.TestCells([truthful, SampleCount - truthful], [SampleCount * keep, SampleCount * (1 - keep)]);
        Assert.Equal(keep, mechanism.TruthProbability, 1e-15);
        Assert.Equal(epsilon, mechanism.EpsilonUpperBound);
        Assert.True(result.Statistic < result.Critical, result.ToString());
    }

    [Fact]
    public void Classic_estimate_is_2N_over_n_minus_half()
    {
        var estimate = RandomizedResponse.Classic.Estimate(yesCount: 450, respondentCount: 1000);

        Assert.Equal(2.0 * 450 / 1000 - 0.5, estimate.Proportion, 1e-12);
        Assert.Equal(2 * Math.Sqrt(0.45 * 0.55 / 1000), estimate.StandardError, 1e-12);
    }

    [Theory]
    [InlineData(null, 0.3, 75UL)]
    [InlineData("1", 0.8, 76UL)]
    public void Estimate_recovers_population_proportion(string? epsilonText, double proportion, ulong seed)
    {
        var mechanism = epsilonText is null ? RandomizedResponse.Classic : RandomizedResponse.ForEpsilon(Rational.Parse(epsilonText));
        var sampler = SeededBitSource.Sampler(seed);
        var yesThreshold = (ulong)(proportion * 1000);

        long yes = 0;
        for (var i = 0; i < SampleCount; i++)
        {
            var truth = sampler.UniformBelow(1000UL) < yesThreshold;
            yes += mechanism.Respond(truth, sampler) ? 1 : 0;
        }

        var estimate = mechanism.Estimate(yes, SampleCount);
        var z = (estimate.Proportion - proportion) / estimate.StandardError;
        Assert.True(Math.Abs(z) < 4.9, $"estimate {estimate.Proportion:F4} ± {estimate.StandardError:F4} is {z:F2} standard errors from {proportion}");
        Assert.True(estimate.StandardError <= mechanism.HalfWidth95(SampleCount) / 1.96, "the public 95% half-width assumes the largest variance");
    }

    [Fact]
    public void Classic_half_width_matches_formula()
    {
        Assert.Equal(1.96 / 100, RandomizedResponse.Classic.HalfWidth95(10_000), 1e-12);
    }

    [Fact]
    public void Ln_three_bound_is_above_ln_three()
    {
        // A partial Taylor sum of exp(b) is a lower bound on exp(b), so a sum above 3 proves b > ln 3.
        var bound = RandomizedResponse.LnThreeUpperBound;
        var sum = Rational.Zero;
        var term = Rational.One;
        for (var k = 1; k <= 30; k++)
        {
            sum += term;
            term = term * bound / new Rational(k, 1);
        }

        Assert.True(sum > new Rational(3, 1));
        Assert.True(bound.ToDouble() - Math.Log(3) < 1e-4, "the bound is loose");
    }

    [Fact]
    public void ForEpsilon_rejects_zero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomizedResponse.ForEpsilon(Rational.Zero));
    }

    private static long CountTruthful(RandomizedResponse mechanism, bool truth, ExactSampler sampler)
    {
        long truthful = 0;
        for (var i = 0; i < SampleCount; i++)
        {
            truthful += mechanism.Respond(truth, sampler) == truth ? 1 : 0;
        }

        return truthful;
    }
}
