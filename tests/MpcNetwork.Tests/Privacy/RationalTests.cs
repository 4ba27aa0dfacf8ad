using System.Numerics;
using MpcNetwork.Shared.Privacy;

namespace MpcNetwork.Tests.Privacy;

public class RationalTests
{
    [Fact]
    public void Tenths_add_exactly()
    {
        var sum = Rational.Parse("0.1") + Rational.Parse("0.2");

        Assert.Equal(Rational.Parse("0.3"), sum);
        Assert.Equal("0.3", sum.ToString());
    }

    [Fact]
    public void Sum_that_double_misses_is_exact()
    {
        // In double, 0.2 + 0.4 + 0.3 + 0.1 is 0.9999999999999999.
        var sum = Rational.Parse("0.2") + Rational.Parse("0.4") + Rational.Parse("0.3") + Rational.Parse("0.1");

        Assert.Equal(Rational.One, sum);
    }

    [Theory]
    [InlineData("1/3", "1/3")]
    [InlineData("2/6", "1/3")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("3/-4", null)]
    [InlineData("-3/4", "-0.75")]
    [InlineData("7", "7")]
    [InlineData("0.000", "0")]
    [InlineData("1.0987", "1.0987")]
    [InlineData("10/2", "5")]
    public void Parse_then_format_round_trips(string text, string? expected)
    {
        var parsed = Rational.TryParse(text, out var value);

        Assert.Equal(expected is not null, parsed);
        if (expected is not null)
        {
            Assert.Equal(expected, value.ToString());
            Assert.Equal(value, Rational.Parse(value.ToString()));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("1e5")]
    [InlineData("1/0")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1,5")]
    public void TryParse_rejects_non_rationals(string text)
    {
        Assert.False(Rational.TryParse(text, out _));
    }

    [Fact]
    public void FromDecimal_is_exact()
    {
        Assert.Equal(new Rational(-123456789, 1000), Rational.FromDecimal(-123456.789m));
        Assert.Equal(new Rational(BigInteger.Parse("79228162514264337593543950335", System.Globalization.CultureInfo.InvariantCulture), 1), Rational.FromDecimal(decimal.MaxValue));
    }

    [Theory]
    [InlineData("7/2", 3, 4)]
    [InlineData("-7/2", -4, -3)]
    [InlineData("4", 4, 4)]
    public void Floor_and_ceiling_round_correctly(string text, long floor, long ceiling)
    {
        var value = Rational.Parse(text);

        Assert.Equal(new BigInteger(floor), value.Floor());
        Assert.Equal(new BigInteger(ceiling), value.Ceiling());
    }

    [Fact]
    public void Comparison_is_exact()
    {
        var third = new Rational(1, 3);
        var close = Rational.Parse("0.3333333333333333333333333333");

        Assert.True(close < third);
        Assert.True(third > close);
        Assert.NotEqual(third, close);
    }

    [Fact]
    public void Default_value_is_zero()
    {
        Assert.Equal(Rational.Zero, default);
        Assert.Equal("0", default(Rational).ToString());
    }
}
