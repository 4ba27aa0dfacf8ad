using System.Numerics;
using MpcNetwork.Shared.Privacy;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Tests.Privacy;

public class NoisySumPlanTests
{
    [Fact]
    public void NoiseScale_is_sensitivity_over_epsilon()
    {
        var plan = new NoisySumPlan(3, new FixedPointFormat(2, 0m, 15m), NeighbourRelation.Replacement, Rational.Parse("0.3"));

        Assert.Null(plan.Validate());
        Assert.Equal(new BigInteger(1500), plan.Sensitivity);
        Assert.Equal(new Rational(5000, 1), plan.NoiseScale);
        Assert.Equal(Rational.One, plan.Noise.Shape);
    }

    [Fact]
    public void Validate_rejects_values_that_overflow_ring()
    {
        var plan = new NoisySumPlan(10, new FixedPointFormat(9, -1_000_000_000m, 1_000_000_000m), NeighbourRelation.AddRemove, Rational.One);

        var problem = plan.Validate();

        Assert.NotNull(problem);
        Assert.Contains("64-bit ring limit 9223372036854775807", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_rejects_noise_that_overflows_ring()
    {
        // The values are small, but ε = 10^-17 makes the noise scale 10^17 units.
        var plan = new NoisySumPlan(3, new FixedPointFormat(0, 0m, 1m), NeighbourRelation.Replacement, new Rational(1, BigInteger.Pow(10, 17)));

        var problem = plan.Validate();

        Assert.NotNull(problem);
        Assert.Contains("noise scale 100000000000000000", problem, StringComparison.Ordinal);
        Assert.Contains("64-bit ring limit", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_accepts_plan_just_inside_limit()
    {
        // 45·Δ/ε per party: 3·(1 + 45·10^16) stays below 2^63 − 1 ≈ 9.22·10^18.
        var plan = new NoisySumPlan(3, new FixedPointFormat(0, 0m, 1m), NeighbourRelation.Replacement, new Rational(1, BigInteger.Pow(10, 16)));

        Assert.Null(plan.Validate());
    }

    [Theory]
    [InlineData(0, null, "1", "party count 0")]
    [InlineData(3, 3, "1", "collusion threshold 3")]
    [InlineData(3, null, "0", "epsilon 0")]
    [InlineData(3, null, "-1/2", "epsilon -0.5")]
    public void Validate_rejects_bad_parameters(int partyCount, int? threshold, string epsilon, string expected)
    {
        var plan = new NoisySumPlan(partyCount, new FixedPointFormat(0, 0m, 1m), NeighbourRelation.Replacement, Rational.Parse(epsilon), threshold);

        var problem = plan.Validate();

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_rejects_equal_bounds()
    {
        var plan = new NoisySumPlan(3, new FixedPointFormat(0, 4m, 4m), NeighbourRelation.AddRemove, Rational.One);

        Assert.Contains("equal", plan.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void Noisy_sum_decodes_negative_results()
    {
        // Values near zero plus negative noise wrap in the ring and must decode as small negatives.
        var plan = new NoisySumPlan(3, new FixedPointFormat(2, 0m, 1m), NeighbourRelation.Replacement, Rational.One);
        var sampler = SeededBitSource.Sampler(91);
        var noise = plan.Noise;

        var sawNegative = false;
        for (var run = 0; run < 50; run++)
        {
            ulong ring = 0;
            BigInteger exact = 0;
            for (var party = 0; party < plan.PartyCount; party++)
            {
                var share = noise.SampleShare(sampler);
                ring += unchecked((ulong)(long)share);
                exact += share;
            }

            Assert.Equal((decimal)(long)exact / 100m, plan.Bounds.Decode(ring));
            sawNegative |= exact < 0;
        }

        Assert.True(sawNegative, "no run produced a negative noisy sum");
    }
}
