using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Shared.Protocols;

/// <summary>Turns exact sums into the decimal values that callers read.</summary>
public static class ResultValues
{
    /// <summary>Digits after the scale kept when an average does not terminate.</summary>
    public const int ExtraAverageDigits = 6;

    /// <summary>
    /// Returns sum / 10^scale / divisor as a decimal. A quotient that does not terminate is
    /// rounded half to even to scale + <see cref="ExtraAverageDigits"/> digits.
    /// </summary>
    public static decimal Value(long sum, int scale, long divisor)
    {
        var value = sum / new FixedPointFormat(scale, 0, 0).Factor;
        return divisor == 1 ? value : Math.Round(value / divisor, scale + ExtraAverageDigits, MidpointRounding.ToEven);
    }

    /// <summary>Returns element <paramref name="index"/> of a vector result.</summary>
    public static decimal Element(VectorResult vector, int index) => Value(vector.Sums[index], vector.Scale, vector.Divisor);

    /// <summary>Returns every element of a vector result as invariant-culture text.</summary>
    public static IEnumerable<string> Format(VectorResult vector) =>
        Enumerable.Range(0, vector.Sums.Count).Select(index => FixedPointFormat.Format(Element(vector, index)));
}
