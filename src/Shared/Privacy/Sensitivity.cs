using System.Globalization;
using System.Numerics;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Shared.Privacy;

/// <summary>
/// Sensitivity of a sum of clamped values, in integer units after fixed-point encoding. The
/// clamp bounds are the <see cref="FixedPointFormat"/>'s Min and Max, which the plan declares
/// before any input is read; bounds taken from the data would leak it.
/// </summary>
public static class Sensitivity
{
    /// <summary>
    /// Returns why bounds given as doubles are unusable (NaN, infinite, reversed or equal), or null
    /// when they are usable.
    /// </summary>
    public static string? ValidateBounds(double lower, double upper)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper))
        {
            return $"clamp bounds must be finite numbers, but got lower {Describe(lower)} and upper {Describe(upper)}";
        }

        return ValidateOrder(lower.CompareTo(upper), Describe(lower), Describe(upper));
    }

    /// <summary>
    /// Returns why the format's bounds are unusable as clamp bounds, or null when they are usable.
    /// Bounds must be increasing (a zero-width range gives no usable sum), and both must lie on
    /// the format's grid so that encoding them needs no rounding.
    /// </summary>
    public static string? ValidateBounds(FixedPointFormat bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        if (bounds.Scale is < 0 or > FixedPointFormat.MaxScale)
        {
            return $"scale {bounds.Scale} is outside 0..{FixedPointFormat.MaxScale}";
        }

        var order = ValidateOrder(bounds.Min.CompareTo(bounds.Max), FixedPointFormat.Format(bounds.Min), FixedPointFormat.Format(bounds.Max));
        if (order is not null)
        {
            return order;
        }

        if (!Encode(bounds.Min, bounds.Scale).IsInteger || !Encode(bounds.Max, bounds.Scale).IsInteger)
        {
            return $"clamp bounds {FixedPointFormat.Format(bounds.Min)} and {FixedPointFormat.Format(bounds.Max)} must have at most {bounds.Scale} fractional digits (the scale)";
        }

        return null;
    }

    /// <summary>
    /// Returns the sensitivity Δ of a sum of values clamped to the format's bounds [a, b], in
    /// encoded units A = a·10^scale and B = b·10^scale: max(|A|, |B|) for add/remove neighbours
    /// (one value appears or disappears) and B − A for replacement neighbours (one value changes).
    /// </summary>
    /// <exception cref="ArgumentException">The bounds are invalid; the message says why.</exception>
    public static BigInteger OfSum(FixedPointFormat bounds, NeighbourRelation relation)
    {
        var problem = ValidateBounds(bounds);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(bounds));
        }

        var lower = Encode(bounds.Min, bounds.Scale).Numerator;
        var upper = Encode(bounds.Max, bounds.Scale).Numerator;
        return relation switch
        {
            NeighbourRelation.AddRemove => BigInteger.Max(BigInteger.Abs(lower), BigInteger.Abs(upper)),
            NeighbourRelation.Replacement => upper - lower,
            _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, "Choose add/remove or replacement neighbours."),
        };
    }

    /// <summary>Returns the larger of |A| and |B|, the largest encoded magnitude of one clamped value.</summary>
    internal static BigInteger LargestEncodedMagnitude(FixedPointFormat bounds) =>
        BigInteger.Max(BigInteger.Abs(Encode(bounds.Min, bounds.Scale).Ceiling()), BigInteger.Abs(Encode(bounds.Max, bounds.Scale).Ceiling()));

    private static Rational Encode(decimal value, int scale) => Rational.FromDecimal(value) * new Rational(BigInteger.Pow(10, scale), 1);

    private static string? ValidateOrder(int comparison, string lower, string upper) => comparison switch
    {
        > 0 => $"clamp bounds are reversed: lower {lower} is greater than upper {upper}",
        0 => $"clamp bounds are equal ({lower}); the upper bound must be greater than the lower bound",
        _ => null,
    };

    private static string Describe(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
