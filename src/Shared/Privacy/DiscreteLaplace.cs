using System.Numerics;

namespace MpcNetwork.Shared.Privacy;

/// <summary>
/// The discrete Laplace (two-sided geometric) distribution on the integers:
/// P(Z = z) = (1 − α)/(1 + α) · α^|z| with α = exp(−1/Scale). Adding it to an integer query of
/// sensitivity Δ with Scale = Δ/ε gives ε-differential privacy.
/// </summary>
/// <remarks>
/// Units are those of the query after fixed-point encoding, so for a sum at scale 2 (cents) a
/// scale of 100 means noise of about one unit of the input value.
/// </remarks>
public sealed class DiscreteLaplace
{
    /// <summary>Creates the distribution for a positive rational <paramref name="scale"/>.</summary>
    public DiscreteLaplace(Rational scale)
    {
        if (scale.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale.ToString(), "The noise scale must be positive.");
        }

        Scale = scale;
    }

    /// <summary>The scale b in P(z) ∝ exp(−|z|/b), in encoded integer units.</summary>
    public Rational Scale { get; }

    /// <summary>Creates the distribution for a query of integer <paramref name="sensitivity"/> at privacy loss <paramref name="epsilon"/>.</summary>
    public static DiscreteLaplace ForPrivacy(BigInteger sensitivity, Rational epsilon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sensitivity, BigInteger.Zero);
        if (epsilon.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon.ToString(), "Epsilon must be positive.");
        }

        return new DiscreteLaplace(new Rational(sensitivity, 1) / epsilon);
    }

    /// <summary>Draws one sample exactly.</summary>
    /// <remarks>
    /// A sign bit and a geometric magnitude are drawn, and the pair (negative, 0) is rejected so
    /// that zero is not counted twice (Canonne, Kamath and Steinke 2020, Algorithm 2).
    /// </remarks>
    public BigInteger Sample(ExactSampler sampler)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        while (true)
        {
            var magnitude = sampler.Geometric(Scale);
            var negative = sampler.UniformBelow(2UL) == 1;
            if (negative && magnitude.IsZero)
            {
                continue;
            }

            return negative ? -magnitude : magnitude;
        }
    }

    /// <summary>
    /// Returns the smallest k with P(|Z| ≤ k) ≥ <paramref name="coverage"/>, so [−k, k] is a
    /// central interval for the noise that depends on the public scale only.
    /// </summary>
    /// <remarks>
    /// P(|Z| > k) = 2α^(k+1)/(1 + α). The computation runs in double precision, which is fine for a
    /// reported interval, and k is rounded up so the stated coverage is not overstated by rounding.
    /// </remarks>
    public BigInteger HalfWidth(double coverage = 0.95)
    {
        if (coverage is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(coverage), coverage, "Coverage must lie strictly between 0 and 1.");
        }

        var logAlpha = -1 / Scale.ToDouble();
        var alpha = Math.Exp(logAlpha);

        // Solve 2α^(k+1)/(1+α) ≤ 1 − coverage for the smallest integer k ≥ 0.
        var bound = Math.Log((1 - coverage) * (1 + alpha) / 2) / logAlpha - 1;
        var k = Math.Max(0, Math.Ceiling(bound - 1e-9));
        while (k > 0 && 2 * Math.Exp((k) * logAlpha) / (1 + alpha) <= 1 - coverage)
        {
            k--;
        }

        while (2 * Math.Exp((k + 1) * logAlpha) / (1 + alpha) > 1 - coverage)
        {
            k++;
        }

        return new BigInteger(k);
    }
}
