using System.Globalization;
using System.Numerics;

namespace MpcNetwork.Shared.Privacy;

/// <summary>
/// An exact rational number p/q with <see cref="BigInteger"/> parts, kept in lowest terms with a
/// positive denominator. Privacy parameters (ε, noise scales, probabilities) use this type so that
/// budgets add exactly: 0.1 + 0.2 is 0.3, which binary floating point cannot represent.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    private readonly BigInteger _denominator;

    /// <summary>Creates <paramref name="numerator"/>/<paramref name="denominator"/> in lowest terms.</summary>
    /// <exception cref="DivideByZeroException">The denominator is zero.</exception>
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A rational number cannot have a zero denominator.");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!divisor.IsOne && !divisor.IsZero)
        {
            numerator /= divisor;
            denominator /= divisor;
        }

        Numerator = numerator;
        _denominator = denominator;
    }

    public static Rational Zero => new(0, 1);

    public static Rational One => new(1, 1);

    /// <summary>The numerator, carrying the sign.</summary>
    public BigInteger Numerator { get; }

    /// <summary>The denominator, always positive (1 for the default value).</summary>
    public BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    public int Sign => Numerator.Sign;

    public bool IsInteger => Denominator.IsOne;

    /// <summary>Converts a decimal exactly: every decimal is a rational with a power-of-ten denominator.</summary>
    public static Rational FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        return new Rational(negative ? -magnitude : magnitude, BigInteger.Pow(10, scale));
    }

    /// <summary>
    /// Parses an integer ("3"), a decimal ("0.25", "-1.5") or a fraction ("1/3"), in the invariant
    /// culture and without exponents.
    /// </summary>
    public static bool TryParse(string? text, out Rational value)
    {
        value = Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!BigInteger.TryParse(text.AsSpan(0, slash), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var numerator)
                || !BigInteger.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var denominator)
                || denominator.IsZero)
            {
                return false;
            }

            value = new Rational(numerator, denominator);
            return true;
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? text : string.Concat(text.AsSpan(0, point), text.AsSpan(point + 1));
        var fractionDigits = point < 0 ? 0 : text.Length - point - 1;
        if (point >= 0 && (fractionDigits == 0 || point == 0 || !char.IsAsciiDigit(text[point - 1])))
        {
            return false;
        }

        if (!BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var scaled))
        {
            return false;
        }

        value = new Rational(scaled, BigInteger.Pow(10, fractionDigits));
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not an integer, decimal or fraction.</exception>
    public static Rational Parse(string text) => TryParse(text, out var value)
        ? value
        : throw new FormatException($"'{text}' is not a rational number; write an integer, a decimal such as 0.25 or a fraction such as 1/3.");

    /// <summary>Returns the largest integer not above this value.</summary>
    public BigInteger Floor()
    {
        var quotient = BigInteger.DivRem(Numerator, Denominator, out var remainder);
        return remainder.Sign < 0 ? quotient - 1 : quotient;
    }

    /// <summary>Returns the smallest integer not below this value.</summary>
    public BigInteger Ceiling() => -(-this).Floor();

    public Rational Reciprocal() => new(Denominator, Numerator);

    /// <summary>Returns an approximate double, for reports and test statistics only and never for sampling.</summary>
    public double ToDouble()
    {
        if (BigInteger.Abs(Numerator).GetBitLength() < 1000 && Denominator.GetBitLength() < 1000)
        {
            return (double)Numerator / (double)Denominator;
        }

        return Math.Exp(BigInteger.Log(BigInteger.Abs(Numerator)) - BigInteger.Log(Denominator)) * Numerator.Sign;
    }

    /// <summary>
    /// Formats the value exactly: as a decimal when the denominator has no prime factor other than
    /// 2 and 5 ("0.3", "-2"), otherwise as a fraction ("1/3"). <see cref="Parse"/> reads both forms.
    /// </summary>
    public override string ToString()
    {
        var denominator = Denominator;
        var twos = 0;
        var fives = 0;
        while (denominator.IsEven)
        {
            denominator /= 2;
            twos++;
        }

        while ((denominator % 5).IsZero)
        {
            denominator /= 5;
            fives++;
        }

        if (!denominator.IsOne)
        {
            return $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
        }

        var fractionDigits = Math.Max(twos, fives);
        var scaled = BigInteger.Abs(Numerator * BigInteger.Pow(10, fractionDigits) / Denominator);
        var text = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(fractionDigits + 1, '0');
        if (fractionDigits > 0)
        {
            text = string.Concat(text.AsSpan(0, text.Length - fractionDigits), ".", text.AsSpan(text.Length - fractionDigits));
        }

        return Numerator.Sign < 0 ? "-" + text : text;
    }

    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Rational other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public static Rational operator +(Rational left, Rational right) =>
        new(left.Numerator * right.Denominator + right.Numerator * left.Denominator, left.Denominator * right.Denominator);

    public static Rational operator -(Rational left, Rational right) =>
        new(left.Numerator * right.Denominator - right.Numerator * left.Denominator, left.Denominator * right.Denominator);

    public static Rational operator -(Rational value) => new(-value.Numerator, value.Denominator);

    public static Rational operator *(Rational left, Rational right) =>
        new(left.Numerator * right.Numerator, left.Denominator * right.Denominator);

    public static Rational operator /(Rational left, Rational right) =>
        new(left.Numerator * right.Denominator, left.Denominator * right.Numerator);

    public static implicit operator Rational(long value) => new(value, 1);

    public static bool operator ==(Rational left, Rational right) => left.Equals(right);

    public static bool operator !=(Rational left, Rational right) => !left.Equals(right);

    public static bool operator <(Rational left, Rational right) => left.CompareTo(right) < 0;

    public static bool operator >(Rational left, Rational right) => left.CompareTo(right) > 0;

    public static bool operator <=(Rational left, Rational right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Rational left, Rational right) => left.CompareTo(right) >= 0;
}
