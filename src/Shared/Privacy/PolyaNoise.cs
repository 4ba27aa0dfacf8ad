using System.Numerics;

namespace MpcNetwork.Shared.Privacy;

/// <summary>
/// Distributed discrete Laplace noise for an n-node sum (the Pólya decomposition). Each node adds
/// the difference of two independent Pólya (negative binomial) variables NB(r, α) with shape
/// r = 1/(n − t) and α = exp(−1/Scale) to its share. The noise of any n − t nodes then sums to
/// NB(1, α) − NB(1, α), which is exactly discrete Laplace of the target scale. So the result stays
/// ε-differentially private against any t colluding nodes that subtract their own noise.
/// </summary>
/// <remarks>
/// NB(r, α) has P(X = x) = Γ(x + r)/(x!·Γ(r)) · (1 − α)^r · α^x. Geometric variables are NB(1, α),
/// and NB is infinitely divisible: the sum of k independent NB(1/k, α) is NB(1, α).
/// The default threshold t = n − 1 gives shape 1, so each node adds a full discrete Laplace, and
/// the total noise variance is n times that of one discrete Laplace.
/// </remarks>
public sealed class PolyaNoise
{
    /// <summary>Largest table of NB probabilities that <see cref="TotalHalfWidth"/> builds before it falls back to a bound.</summary>
    public const int MaxTabulatedValues = 4_000_000;

    /// <summary>Creates the per-node noise for <paramref name="partyCount"/> nodes.</summary>
    /// <param name="scale">Scale of the discrete Laplace that any n − t nodes' noise must add up to.</param>
    /// <param name="partyCount">Number of nodes n that add noise, at least 1.</param>
    /// <param name="collusionThreshold">
    /// Number of colluding nodes t that the guarantee must survive, 0 ≤ t ≤ n − 1. Null means n − 1.
    /// </param>
    public PolyaNoise(Rational scale, int partyCount, int? collusionThreshold = null)
    {
        if (scale.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale.ToString(), "The noise scale must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(partyCount, 1);
        var threshold = collusionThreshold ?? partyCount - 1;
        if (threshold < 0 || threshold > partyCount - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(collusionThreshold), threshold,
                $"The collusion threshold must lie in 0..{partyCount - 1} for {partyCount} nodes.");
        }

        Scale = scale;
        PartyCount = partyCount;
        CollusionThreshold = threshold;
        Shape = new Rational(1, partyCount - threshold);
    }

    /// <summary>Scale of the discrete Laplace that the honest nodes' noise adds up to, in encoded integer units.</summary>
    public Rational Scale { get; }

    /// <summary>Number of nodes n.</summary>
    public int PartyCount { get; }

    /// <summary>Number of colluding nodes t that the guarantee survives.</summary>
    public int CollusionThreshold { get; }

    /// <summary>Shape r = 1/(n − t) of each Pólya variable.</summary>
    public Rational Shape { get; }

    /// <summary>Draws one node's noise: NB(r, α) − NB(r, α).</summary>
    public BigInteger SampleShare(ExactSampler sampler)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        return SamplePolya(sampler) - SamplePolya(sampler);
    }

    /// <summary>
    /// Returns a half-width k such that the total noise of all n nodes lies in [−k, k] with
    /// probability at least <paramref name="coverage"/>. It depends on public parameters only.
    /// </summary>
    /// <remarks>
    /// The total is NB(R, α) − NB(R, α) with R = n/(n − t). With R = 1 it is one discrete Laplace
    /// and the closed form gives the smallest such k. Otherwise the pmf is tabulated in double
    /// precision and k is the smallest value whose tail is at most 1 − coverage. When the table
    /// would need more than <see cref="MaxTabulatedValues"/> entries (very large scales), k comes
    /// from the Chernoff bound P(|D| ≥ k) ≤ 2·min over θ of E[e^(θD)]·e^(−θk), which is valid but
    /// wider than the smallest interval.
    /// </remarks>
    public BigInteger TotalHalfWidth(double coverage = 0.95)
    {
        if (coverage is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(coverage), coverage, "Coverage must lie strictly between 0 and 1.");
        }

        var totalShape = Shape * new Rational(PartyCount, 1);
        if (totalShape == Rational.One)
        {
            return new DiscreteLaplace(Scale).HalfWidth(coverage);
        }

        return TabulatedHalfWidth(totalShape.ToDouble(), Scale.ToDouble(), coverage)
            ?? ChernoffHalfWidth(totalShape.ToDouble(), Scale.ToDouble(), coverage);
    }

    // NB(r, α) for r ≤ 1 by rejection: propose a geometric X with P(x) ∝ α^x and accept it with
    // probability Π_{i<x} (r + i)/(1 + i), which is the ratio of the two unnormalised pmfs and at most
    // 1. The acceptance rate is (1 − α)^(1 − r), so for r < 1 the expected number of proposals grows
    // like Scale^(1 − r).
    private BigInteger SamplePolya(ExactSampler sampler)
    {
        while (true)
        {
            var proposal = sampler.Geometric(Scale);
            if (Shape == Rational.One || AcceptProposal(sampler, proposal))
            {
                return proposal;
            }
        }
    }

    private bool AcceptProposal(ExactSampler sampler, BigInteger proposal)
    {
        // With r = a/b, factor i is (a + b·i)/(b·(i + 1)).
        var a = Shape.Numerator;
        var b = Shape.Denominator;
        for (BigInteger i = 0; i < proposal; i++)
        {
            if (sampler.UniformBelow(b * (i + 1)) >= a + (b * i))
            {
                return false;
            }
        }

        return true;
    }

    // Smallest k with P(|X − Y| > k) ≤ 1 − coverage for independent X, Y ~ NB(shape, α), using
    // P(X − Y > k) = Σ_y P(Y = y)·P(X > k + y). Returns null when the table would be too large.
    private static BigInteger? TabulatedHalfWidth(double shape, double scale, double coverage)
    {
        var alpha = Math.Exp(-1 / scale);
        var mean = shape * alpha / (1 - alpha);
        var probabilities = new List<double> { Math.Pow(1 - alpha, shape) };
        for (var x = 0; x < mean || probabilities[x] > 1e-20 * (1 - alpha); x++)
        {
            if (probabilities.Count >= MaxTabulatedValues)
            {
                return null;
            }

            probabilities.Add(probabilities[x] * alpha * (shape + x) / (x + 1));
        }

        // survival[m] = P(X > m), summed from the far tail so that small terms are not lost.
        var count = probabilities.Count;
        var survival = new double[count];
        for (var m = count - 2; m >= 0; m--)
        {
            survival[m] = survival[m + 1] + probabilities[m + 1];
        }

        double TwoSidedTail(int k)
        {
            double upper = 0;
            for (var y = 0; y + k < count; y++)
            {
                upper += probabilities[y] * survival[y + k];
            }

            return 2 * upper;
        }

        var low = 0;
        var high = count - 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (TwoSidedTail(middle) <= 1 - coverage)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return new BigInteger(low);
    }

    private static BigInteger ChernoffHalfWidth(double shape, double scale, double coverage)
    {
        var logAlpha = -1 / scale;
        var alpha = Math.Exp(logAlpha);
        var target = Math.Log((1 - coverage) / 2);

        // log of min over θ in (0, −ln α) of E[e^(θD)]·e^(−θk), by golden-section search: the
        // expression is convex in θ.
        double LogTailBound(double k)
        {
            double LogBound(double theta) =>
                (shape * ((2 * Math.Log(1 - alpha)) - Math.Log(1 - (alpha * Math.Exp(theta))) - Math.Log(1 - (alpha * Math.Exp(-theta))))) - (theta * k);

            var low = 0.0;
            var high = -logAlpha;
            var ratio = (Math.Sqrt(5) - 1) / 2;
            for (var step = 0; step < 200; step++)
            {
                var left = high - (ratio * (high - low));
                var right = low + (ratio * (high - low));
                if (LogBound(left) < LogBound(right))
                {
                    high = right;
                }
                else
                {
                    low = left;
                }
            }

            return LogBound((low + high) / 2);
        }

        // The bound falls as k grows, so bisect on k between 0 and a width where it surely holds.
        double lower = 0;
        var upper = Math.Max(1, 100 * shape * scale);
        for (var doubling = 0; doubling < 64 && LogTailBound(upper) > target; doubling++)
        {
            upper *= 2;
        }

        for (var step = 0; step < 200 && upper - lower > 0.5; step++)
        {
            var middle = (lower + upper) / 2;
            if (LogTailBound(middle) > target)
            {
                lower = middle;
            }
            else
            {
                upper = middle;
            }
        }

        return new BigInteger(Math.Ceiling(upper));
    }
}
