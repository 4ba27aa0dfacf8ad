using System.Numerics;
using MpcNetwork.Shared.Privacy;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Tests.Privacy;

public class SensitivityTests
{
    [Theory]
    [InlineData(NeighbourRelation.AddRemove, 1000)]
    [InlineData(NeighbourRelation.Replacement, 1500)]
    public void OfSum_uses_encoded_bounds(NeighbourRelation relation, long expected)
    {
        // Bounds [-5, 10] at scale 2 encode to [-500, 1000].
        var bounds = new FixedPointFormat(2, -5m, 10m);

        Assert.Equal(new BigInteger(expected), Sensitivity.OfSum(bounds, relation));
    }

    [Fact]
    public void OfSum_add_remove_takes_largest_magnitude()
    {
        var bounds = new FixedPointFormat(1, -30.5m, 2m);

        Assert.Equal(new BigInteger(305), Sensitivity.OfSum(bounds, NeighbourRelation.AddRemove));
    }

    [Theory]
    [InlineData("10", "5", "reversed")]
    [InlineData("3", "3", "equal")]
    [InlineData("0.125", "1", "fractional digits")]
    public void ValidateBounds_rejects_bad_format_bounds(string lower, string upper, string reason)
    {
        var bounds = new FixedPointFormat(2, decimal.Parse(lower, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(upper, System.Globalization.CultureInfo.InvariantCulture));

        var problem = Sensitivity.ValidateBounds(bounds);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Sensitivity.OfSum(bounds, NeighbourRelation.Replacement));
    }

    [Theory]
    [InlineData(double.NaN, 1.0, "finite")]
    [InlineData(0.0, double.PositiveInfinity, "finite")]
    [InlineData(double.NegativeInfinity, 0.0, "finite")]
    [InlineData(2.0, 1.0, "reversed")]
    [InlineData(1.5, 1.5, "equal")]
    public void ValidateBounds_rejects_bad_double_bounds(double lower, double upper, string reason)
    {
        var problem = Sensitivity.ValidateBounds(lower, upper);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateBounds_accepts_increasing_bounds()
    {
        Assert.Null(Sensitivity.ValidateBounds(-1.5, 2.0));
        Assert.Null(Sensitivity.ValidateBounds(new FixedPointFormat(2, -1.5m, 2m)));
    }

    [Fact]
    public void OfSum_rejects_missing_relation()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sensitivity.OfSum(new FixedPointFormat(0, 0, 1), NeighbourRelation.Unspecified));
    }
}
