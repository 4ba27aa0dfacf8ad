using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Tests.Unit;

public class FixedPointFormatTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("-1", 0)]
    [InlineData("3171.5", 1)]
    [InlineData("-12.25", 2)]
    [InlineData("0.000001", 6)]
    [InlineData("-1000000000", 0)]
    [InlineData("1000000000", 4)]
    public void Encode_then_decode_round_trips(string text, int scale)
    {
        var format = new FixedPointFormat(scale, -FixedPointFormat.DefaultBound, FixedPointFormat.DefaultBound);
        Assert.True(FixedPointFormat.TryParse(text, out var value));

        var violation = format.TryEncode(value, out var encoded);

        Assert.Equal(InputViolation.None, violation);
        Assert.Equal(value, format.Decode(encoded));
    }

    [Fact]
    public void Encoded_values_add_in_the_ring()
    {
        var format = new FixedPointFormat(2, -1000, 1000);
        format.TryEncode(-12.25m, out var a);
        format.TryEncode(3.5m, out var b);

        Assert.Equal(-8.75m, format.Decode(a + b));
    }

    [Theory]
    [InlineData("1.005", InputViolation.TooManyFractionDigits)]
    [InlineData("1000.01", InputViolation.AboveMaximum)]
    [InlineData("-1000.01", InputViolation.BelowMinimum)]
    [InlineData("99999999999999999999", InputViolation.AboveMaximum)]
    public void Encode_rejects_values_outside_format(string text, InputViolation expected)
    {
        var format = new FixedPointFormat(2, -1000, 1000);
        Assert.True(FixedPointFormat.TryParse(text, out var value));

        Assert.Equal(expected, format.TryEncode(value, out _));
    }

    [Fact]
    public void Describe_names_the_limit()
    {
        var format = new FixedPointFormat(2, -5, 4000);

        Assert.Contains("4000", format.Describe(InputViolation.AboveMaximum), StringComparison.Ordinal);
        Assert.Contains("-5", format.Describe(InputViolation.BelowMinimum), StringComparison.Ordinal);
        Assert.Contains("2 fractional digits", format.Describe(InputViolation.TooManyFractionDigits), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_rejects_sums_that_overflow_the_ring()
    {
        var format = new FixedPointFormat(9, -1_000_000_000, 1_000_000_000);

        var problem = format.Validate(partyCount: 10);

        Assert.NotNull(problem);
        Assert.Contains("exceed the 64-bit ring", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(19, "0", "1")]
    [InlineData(0, "5", "1")]
    [InlineData(1, "0.25", "1")]
    public void Validate_rejects_bad_formats(int scale, string min, string max)
    {
        var format = new FixedPointFormat(scale, decimal.Parse(min, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(max, System.Globalization.CultureInfo.InvariantCulture));

        Assert.NotNull(format.Validate(partyCount: 3));
    }

    [Fact]
    public void Default_format_is_valid_for_many_parties()
    {
        Assert.Null(FixedPointFormat.Default.Validate(partyCount: 1000));
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("12,5")]
    [InlineData("")]
    [InlineData("abc")]
    public void TryParse_rejects_non_decimals(string text)
    {
        Assert.False(FixedPointFormat.TryParse(text, out _));
    }
}
