using System.Numerics;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Shared.Privacy;

/// <summary>
/// The public parameters of a differentially private sum over n nodes: clamp bounds and scale,
/// neighbour relation, ε and collusion threshold. Every node derives the same sensitivity, noise
/// scale and per-node noise from them. Call <see cref="Validate"/> first, because the derived
/// properties throw on an invalid plan.
/// </summary>
/// <param name="PartyCount">Number of nodes n that contribute a value and noise.</param>
/// <param name="Bounds">Clamp bounds and fixed-point scale of each value.</param>
/// <param name="Relation">Neighbour relation that the guarantee refers to.</param>
/// <param name="Epsilon">Privacy loss ε of the released sum; this is what each node's ledger is charged.</param>
/// <param name="CollusionThreshold">Colluding nodes t that the guarantee survives; null means n − 1.</param>
public sealed record NoisySumPlan(int PartyCount, FixedPointFormat Bounds, NeighbourRelation Relation, Rational Epsilon, int? CollusionThreshold = null)
{
    /// <summary>
    /// Multiple of the noise scale that one node's noise exceeds with probability below 2^−64:
    /// P(|noise| > k·scale) ≤ 2·exp(−k), and 2·exp(−45) is about 2^−64.
    /// </summary>
    public const int NoiseTailMultiple = 45;

    /// <summary>Largest magnitude of a result that still decodes correctly from the ring as a signed 64-bit integer.</summary>
    public static readonly BigInteger RingLimit = long.MaxValue;

    /// <summary>Sensitivity Δ of the sum in encoded integer units.</summary>
    public BigInteger Sensitivity => Privacy.Sensitivity.OfSum(Bounds, Relation);

    /// <summary>Scale Δ/ε of the discrete Laplace noise that any n − t honest nodes add up to, exactly.</summary>
    public Rational NoiseScale => new Rational(Sensitivity, 1) / Epsilon;

    /// <summary>The per-node noise that each node adds to its share before masking.</summary>
    public PolyaNoise Noise => new(NoiseScale, PartyCount, CollusionThreshold);

    /// <summary>
    /// Returns why the plan is unusable, or null when it is usable. Besides the parameter ranges
    /// it rejects a plan whose sum of clamped values plus noise could leave the signed 64-bit range
    /// of the ring: n·max(|A|, |B|) + n·⌈45·Δ/ε⌉ must not exceed 2^63 − 1. Each node's noise stays
    /// below 45·Δ/ε except with probability below 2^−64.
    /// </summary>
    /// <remarks>The text names only public parameters, never an input value.</remarks>
    public string? Validate()
    {
        if (PartyCount < 1)
        {
            return $"party count {PartyCount} is invalid; a sum needs at least one party";
        }

        if (CollusionThreshold is { } threshold && (threshold < 0 || threshold > PartyCount - 1))
        {
            return $"collusion threshold {threshold} is invalid for {PartyCount} parties; it must lie in 0..{PartyCount - 1}";
        }

        if (Epsilon.Sign <= 0)
        {
            return $"epsilon {Epsilon} is invalid; it must be positive";
        }

        if (Relation is not (NeighbourRelation.AddRemove or NeighbourRelation.Replacement))
        {
            return "the neighbour relation is missing; choose add/remove or replacement";
        }

        var bounds = Privacy.Sensitivity.ValidateBounds(Bounds);
        if (bounds is not null)
        {
            return bounds;
        }

        var values = PartyCount * Privacy.Sensitivity.LargestEncodedMagnitude(Bounds);
        var noise = PartyCount * (NoiseScale * new Rational(NoiseTailMultiple, 1)).Ceiling();
        if (values + noise > RingLimit)
        {
            return $"{PartyCount} values within ±{values / PartyCount} (encoded at scale {Bounds.Scale}) plus noise up to "
                + $"±{noise / PartyCount} per party (45 times the noise scale {NoiseScale}) can reach {values + noise}, "
                + $"beyond the 64-bit ring limit {RingLimit}; narrow the bounds, lower the scale or raise epsilon";
        }

        return null;
    }

    /// <summary>
    /// Returns a half-width k such that the total noise in the result lies in [−k, k] encoded units
    /// with probability at least 95%. It depends on the public parameters only.
    /// </summary>
    public BigInteger NoiseHalfWidth95() => Noise.TotalHalfWidth(0.95);
}
