using System.Globalization;

namespace MpcNetwork.Shared.Sharing;

/// <summary>Why an input does not fit a <see cref="FixedPointFormat"/>.</summary>
public enum InputViolation
{
    None,
    TooManyFractionDigits,
    BelowMinimum,
    AboveMaximum,
}

/// <summary>
/// Maps decimal inputs to the ring Z_2^64 as round-free fixed point: a value v is encoded as the
/// integer v * 10^Scale in two's complement. Inputs must lie in [Min, Max] and have at most
/// Scale fractional digits; nothing is rounded.
/// </summary>
/// <param name="Scale">Number of decimal fractional digits, 0 to <see cref="MaxScale"/>.</param>
/// <param name="Min">Smallest allowed input, inclusive.</param>
/// <param name="Max">Largest allowed input, inclusive.</param>
public sealed record FixedPointFormat(int Scale, decimal Min, decimal Max)
{
    /// <summary>Largest supported scale: 10^18 still fits a 64-bit integer.</summary>
    public const int MaxScale = 18;

    /// <summary>Default bound on the absolute value of an input: one billion.</summary>
    public const decimal DefaultBound = 1_000_000_000m;

    /// <summary>Integers from -10^9 to 10^9.</summary>
    public static FixedPointFormat Default { get; } = new(0, -DefaultBound, DefaultBound);

    /// <summary>10^Scale.</summary>
    public decimal Factor => Pow10(Scale);

    /// <summary>
    /// Returns why this format is unusable for a sum over <paramref name="partyCount"/> parties,
    /// or null when it is usable. The sum of all encoded inputs must stay inside the signed
    /// 64-bit range, or the ring result would wrap.
    /// </summary>
    public string? Validate(int partyCount)
    {
        if (Scale is < 0 or > MaxScale)
        {
            return $"scale {Scale} is outside 0..{MaxScale}";
        }

        if (Min > Max)
        {
            return $"minimum {Format(Min)} is greater than maximum {Format(Max)}";
        }

        var largest = Math.Max(Math.Abs(Min), Math.Abs(Max));
        var limit = (decimal)long.MaxValue / Factor / Math.Max(partyCount, 1);
        if (largest > limit)
        {
            return $"a sum of {partyCount} values up to {Format(largest)} at scale {Scale} can exceed the 64-bit ring; "
                + $"keep the bounds within ±{Format(decimal.Floor(limit))} or lower the scale";
        }

        if (!IsOnGrid(Min) || !IsOnGrid(Max))
        {
            return $"bounds {Format(Min)} and {Format(Max)} must have at most {Scale} fractional digits";
        }

        return null;
    }

    /// <summary>Encodes <paramref name="value"/>, or returns the rule that it breaks.</summary>
    public InputViolation TryEncode(decimal value, out ulong encoded)
    {
        encoded = 0;

        // The range comes first: it keeps value * 10^Scale from overflowing a decimal.
        if (value < Min)
        {
            return InputViolation.BelowMinimum;
        }

        if (value > Max)
        {
            return InputViolation.AboveMaximum;
        }

        if (!IsOnGrid(value))
        {
            return InputViolation.TooManyFractionDigits;
        }

        encoded = unchecked((ulong)(long)(value * Factor));
        return InputViolation.None;
    }

    /// <summary>Decodes a ring element (a sum of encoded inputs) back to a decimal.</summary>
    public decimal Decode(ulong element) => unchecked((long)element) / Factor;

    /// <summary>Describes a violation with the limit it breaks; the input value itself is left out.</summary>
    public string Describe(InputViolation violation) => violation switch
    {
        InputViolation.TooManyFractionDigits => $"has more than {Scale} fractional digits (the plan's scale)",
        InputViolation.BelowMinimum => $"is below the minimum {Format(Min)}",
        InputViolation.AboveMaximum => $"is above the maximum {Format(Max)}",
        _ => "is valid",
    };

    /// <summary>Formats a decimal in the invariant culture without trailing zeros.</summary>
    public static string Format(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a decimal in the invariant culture (optional sign, optional point, no exponent).</summary>
    public static bool TryParse(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out value);

    /// <summary>Reads the plan's number format; null or empty bounds take the defaults.</summary>
    /// <returns>False when a bound is not a decimal number.</returns>
    public static bool TryFromProto(Protos.Session.V1.NumberFormat? proto, out FixedPointFormat format)
    {
        format = Default;
        if (proto is null)
        {
            return true;
        }

        var min = -DefaultBound;
        var max = DefaultBound;
        if ((proto.Min.Length > 0 && !TryParse(proto.Min, out min)) || (proto.Max.Length > 0 && !TryParse(proto.Max, out max)))
        {
            return false;
        }

        format = new FixedPointFormat(proto.Scale, min, max);
        return true;
    }

    public Protos.Session.V1.NumberFormat ToProto() => new() { Scale = Scale, Min = Format(Min), Max = Format(Max) };

    private bool IsOnGrid(decimal value)
    {
        var scaled = value * Factor;
        return decimal.Truncate(scaled) == scaled;
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
