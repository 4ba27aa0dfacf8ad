using System.Buffers.Binary;
using System.Numerics;

namespace MpcNetwork.Shared.Privacy;

/// <summary>
/// Exact samplers for the building blocks of the privacy mechanisms: uniform integers,
/// Bernoulli trials with rational or exp(−γ) probabilities, and geometric variables. They use only
/// integer and rational arithmetic, following Canonne, Kamath and Steinke, "The Discrete Gaussian
/// for Differential Privacy" (NeurIPS 2020), Algorithms 1 and 2.
/// </summary>
/// <remarks>
/// Running time depends on the values drawn, so the time taken reveals something about the noise.
/// Callers draw noise before they read the private input (see docs/differential-privacy.md).
/// An instance is as thread-safe as its <see cref="IRandomBitSource"/>.
/// </remarks>
public sealed class ExactSampler
{
    private readonly IRandomBitSource _source;

    public ExactSampler(IRandomBitSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>A sampler over the operating system's CSPRNG.</summary>
    public static ExactSampler Secure { get; } = new(CryptoRandomBitSource.Instance);

    /// <summary>Returns a uniform integer in [0, <paramref name="bound"/>) by rejection, so without modulo bias.</summary>
    public ulong UniformBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        if (bound == 1)
        {
            return 0;
        }

        var bits = 64 - BitOperations.LeadingZeroCount(bound - 1);
        var byteCount = (bits + 7) / 8;
        var mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        Span<byte> buffer = stackalloc byte[8];
        while (true)
        {
            buffer.Clear();
            _source.Fill(buffer[..byteCount]);
            var candidate = BinaryPrimitives.ReadUInt64LittleEndian(buffer) & mask;
            if (candidate < bound)
            {
                return candidate;
            }
        }
    }

    /// <summary>Returns a uniform integer in [0, <paramref name="bound"/>) by rejection, so without modulo bias.</summary>
    public BigInteger UniformBelow(BigInteger bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bound, BigInteger.Zero);
        if (bound <= ulong.MaxValue)
        {
            return UniformBelow((ulong)bound);
        }

        var bits = (int)(bound - 1).GetBitLength();
        var byteCount = (bits + 7) / 8;
        var topMask = (byte)(0xFF >> ((8 * byteCount) - bits));
        var buffer = new byte[byteCount];
        while (true)
        {
            _source.Fill(buffer);
            buffer[^1] &= topMask;
            var candidate = new BigInteger(buffer, isUnsigned: true, isBigEndian: false);
            if (candidate < bound)
            {
                return candidate;
            }
        }
    }

    /// <summary>Returns true with probability <paramref name="probability"/>, which must lie in [0, 1].</summary>
    public bool Bernoulli(Rational probability)
    {
        if (probability.Sign < 0 || probability > Rational.One)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability.ToString(), "A probability must lie in [0, 1].");
        }

        return UniformBelow(probability.Denominator) < probability.Numerator;
    }

    /// <summary>Returns true with probability exp(−<paramref name="gamma"/>) for a rational γ ≥ 0.</summary>
    /// <remarks>
    /// For γ in [0, 1] this counts the leading run of successes of Bernoulli(γ/k), k = 1, 2, …; the
    /// run length is odd with probability exp(−γ). A larger γ is split into ⌊γ⌋ trials of exp(−1)
    /// and one of exp(−(γ − ⌊γ⌋)), stopping at the first failure, so the cost grows with γ.
    /// </remarks>
    public bool BernoulliExpMinus(Rational gamma)
    {
        if (gamma.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma.ToString(), "The exponent must not be negative.");
        }

        var whole = gamma.Floor();
        for (BigInteger i = 0; i < whole; i++)
        {
            if (!BernoulliExpMinusAtMostOne(1UL, 1UL))
            {
                return false;
            }
        }

        var fraction = gamma - new Rational(whole, 1);
        return BernoulliExpMinusAtMostOne(fraction.Numerator, fraction.Denominator);
    }

    /// <summary>
    /// Returns a geometric variable Y ≥ 0 with P(Y = y) = (1 − α)·α^y, where α = exp(−1/<paramref name="scale"/>).
    /// </summary>
    /// <remarks>
    /// With scale = t/s, a variable X with P(X = x) ∝ exp(−x/t) is built as U + t·V: U is uniform on
    /// [0, t) and kept with probability exp(−U/t), and V counts successes of Bernoulli(exp(−1))
    /// before the first failure. Then Y = ⌊X/s⌋.
    /// </remarks>
    public BigInteger Geometric(Rational scale)
    {
        if (scale.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale.ToString(), "The scale must be positive.");
        }

        var t = scale.Numerator;
        var s = scale.Denominator;
        BigInteger u;
        do
        {
            u = UniformBelow(t);
        }
        while (!BernoulliExpMinusAtMostOne(u, t));

        ulong v = 0;
        while (BernoulliExpMinusAtMostOne(1UL, 1UL))
        {
            v++;
        }

        return BigInteger.Divide(u + (t * v), s);
    }

    // Bernoulli(exp(−n/d)) for 0 ≤ n/d ≤ 1. Values that fit 64 bits take the ulong path, which
    // avoids BigInteger allocations in the common case.
    private bool BernoulliExpMinusAtMostOne(BigInteger numerator, BigInteger denominator) =>
        denominator <= ulong.MaxValue
            ? BernoulliExpMinusAtMostOne((ulong)numerator, (ulong)denominator)
            : BernoulliExpMinusAtMostOneBig(numerator, denominator, BigInteger.One);

    private bool BernoulliExpMinusAtMostOne(ulong numerator, ulong denominator)
    {
        for (ulong k = 1; ; k++)
        {
            var high = Math.BigMul(denominator, k, out var bound);
            if (high != 0)
            {
                return BernoulliExpMinusAtMostOneBig(numerator, denominator, k);
            }

            if (UniformBelow(bound) >= numerator)
            {
                return k % 2 == 1;
            }
        }
    }

    // The same loop as above, continuing from trial k with BigInteger bounds.
    private bool BernoulliExpMinusAtMostOneBig(BigInteger numerator, BigInteger denominator, BigInteger k)
    {
        while (UniformBelow(denominator * k) < numerator)
        {
            k++;
        }

        return !k.IsEven;
    }
}
