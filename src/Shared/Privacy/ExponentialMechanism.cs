using System.Numerics;

namespace MpcNetwork.Shared.Privacy;

/// <summary>
/// The exponential mechanism: selects candidate i with probability proportional to
/// exp(c·u_i), where u_i is an integer utility (for example an approval count) and c is the
/// <see cref="Coefficient"/>. Ties get equal probability.
/// </summary>
/// <remarks>
/// For a utility of sensitivity Δ, c = ε/(2Δ) gives ε-differential privacy under any neighbour
/// relation. When every utility moves in the same direction between neighbours (monotonic
/// utilities, such as approval counts when one ballot is added or removed), c = ε/Δ suffices.
/// Replacing one ballot can raise one count and lower another, so approval counts under
/// replacement need c = ε/(2Δ).
/// </remarks>
public sealed class ExponentialMechanism
{
    /// <summary>Creates the mechanism for privacy loss <paramref name="epsilon"/>.</summary>
    /// <param name="epsilon">Privacy loss ε, positive.</param>
    /// <param name="sensitivity">Largest change Δ of any single utility between neighbours, positive.</param>
    /// <param name="monotonicUtility">
    /// True only when, between any two neighbours, all utilities change in the same direction.
    /// </param>
    public ExponentialMechanism(Rational epsilon, BigInteger sensitivity, bool monotonicUtility)
    {
        if (epsilon.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon.ToString(), "Epsilon must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sensitivity, BigInteger.Zero);
        Epsilon = epsilon;
        Sensitivity = sensitivity;
        Coefficient = epsilon / new Rational(monotonicUtility ? sensitivity : 2 * sensitivity, 1);
    }

    /// <summary>Privacy loss ε of one selection.</summary>
    public Rational Epsilon { get; }

    /// <summary>Sensitivity Δ of the utilities.</summary>
    public BigInteger Sensitivity { get; }

    /// <summary>The coefficient c in exp(c·u): ε/Δ for monotonic utilities, ε/(2Δ) otherwise.</summary>
    public Rational Coefficient { get; }

    /// <summary>
    /// Creates the mechanism for electing one winner by approval count (Δ = 1): c = ε under
    /// add/remove neighbours and c = ε/2 under replacement neighbours.
    /// </summary>
    public static ExponentialMechanism ForApprovalVote(Rational epsilon, NeighbourRelation relation) => relation switch
    {
        NeighbourRelation.AddRemove => new ExponentialMechanism(epsilon, BigInteger.One, monotonicUtility: true),
        NeighbourRelation.Replacement => new ExponentialMechanism(epsilon, BigInteger.One, monotonicUtility: false),
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, "Choose add/remove or replacement neighbours."),
    };

    /// <summary>Returns the index of the selected candidate.</summary>
    /// <remarks>
    /// Sampling is exact rejection: draw a candidate uniformly and accept it with probability
    /// exp(−c·(u_max − u_i)), a Bernoulli trial on a rational exponent. Only differences to the
    /// maximum enter, so nothing overflows or underflows. The candidate with the top utility is
    /// always accepted, so the expected number of draws is at most the number of candidates.
    /// </remarks>
    public int Select(IReadOnlyList<long> utilities, ExactSampler sampler)
    {
        ArgumentNullException.ThrowIfNull(utilities);
        ArgumentNullException.ThrowIfNull(sampler);
        if (utilities.Count == 0)
        {
            throw new ArgumentException("At least one candidate is needed.", nameof(utilities));
        }

        var maximum = utilities.Max();
        while (true)
        {
            var candidate = (int)sampler.UniformBelow((ulong)utilities.Count);
            var gap = new Rational((BigInteger)maximum - utilities[candidate], 1);
            if (sampler.BernoulliExpMinus(Coefficient * gap))
            {
                return candidate;
            }
        }
    }

    /// <summary>
    /// Returns a bound L from public values such that the selected candidate's utility is at least
    /// u_max − L with probability at least 95%: L = ln(20·m)/c for m candidates.
    /// </summary>
    /// <remarks>
    /// Every candidate whose utility is below u_max − L has weight below exp(−c·L)·exp(c·u_max)
    /// = exp(c·u_max)/(20·m), and there are fewer than m of them, so their total probability is below 1/20.
    /// </remarks>
    public double UtilityLossBound95(int candidateCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(candidateCount, 1);
        return Math.Log(20.0 * candidateCount) / Coefficient.ToDouble();
    }
}
