using MpcNetwork.Shared.Privacy;

namespace MpcNetwork.Tests.Privacy;

public class ChiSquareTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(10)]
    [InlineData(40)]
    [InlineData(140)]
    public void Quantile_matches_closed_form_for_even_df(int degreesOfFreedom)
    {
        var quantile = ChiSquare.Quantile(degreesOfFreedom);

        // For df = 2m, P(χ² > x) = exp(−x/2)·Σ_{j<m} (x/2)^j/j!, summed in log space.
        var half = quantile / 2;
        double sum = 0;
        var logTerm = -half;
        for (var j = 0; j < degreesOfFreedom / 2; j++)
        {
            sum += Math.Exp(logTerm);
            logTerm += Math.Log(half) - Math.Log(j + 1);
        }

        Assert.Equal(ChiSquare.Alpha, sum, ChiSquare.Alpha * 1e-6);
    }

    [Fact]
    public void Quantile_matches_normal_for_one_df()
    {
        // χ²_1 is Z², and the two-sided normal quantile for 1e-6 is 4.891638475699.
        var expected = 4.891638475699 * 4.891638475699;

        Assert.Equal(expected, ChiSquare.Quantile(1), 1e-6);
    }

    [Fact]
    public void Quantile_matches_erfc_recurrence_for_odd_df()
    {
        // Computed separately in double precision from Q(1/2, x) = erfc(√x) and
        // Q(a + 1, x) = Q(a, x) + x^a·e^(−x)/Γ(a + 1), then bisection.
        const double Expected = 63.677052285678;

        var quantile = ChiSquare.Quantile(19);

        Assert.Equal(Expected, quantile, 1e-6);

        // The rough approximation df + 6·√(2·df) = 56.0 would fail correct samplers far more often than 1e-6.
        Assert.True(quantile > 19 + (6 * Math.Sqrt(38)) + 7);
    }

    [Fact]
    public void Test_rejects_wrong_scale()
    {
        const int SampleCount = 120_000;
        var laplace = new DiscreteLaplace(Rational.One);
        var sampler = SeededBitSource.Sampler(31);

        var counts = Histogram.Of(SampleCount, () => laplace.Sample(sampler));
        var result = IntegerDistribution.DiscreteLaplace(1.1).Test(counts, SampleCount);

        Assert.True(result.Statistic > result.Critical, result.ToString());
    }
}
