using System.Globalization;
using System.Numerics;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Sharing;
using ProtoRelation = MpcNetwork.Protos.Session.V1.NeighbourRelation;

namespace MpcNetwork.Shared.Privacy;

/// <summary>
/// The differential-privacy parameters of one session, derived identically by the coordinator and
/// every node from the plan: ε, neighbour relation, collusion threshold, sensitivity, and the
/// noise each node adds (discrete Laplace by Pólya shares) or the randomized response it applies.
/// </summary>
public sealed class PrivateRelease
{
    private PrivateRelease(SessionPlan plan, Rational epsilon, NeighbourRelation relation, int threshold)
    {
        Plan = plan;
        Epsilon = epsilon;
        Relation = relation;
        CollusionThreshold = threshold;
    }

    public SessionPlan Plan { get; }

    public Rational Epsilon { get; }

    public NeighbourRelation Relation { get; }

    /// <summary>Colluding nodes t that the noise survives: at least n − t nodes' noise is hidden from them.</summary>
    public int CollusionThreshold { get; }

    /// <summary>L1 sensitivity of the released vector in encoded integer units (0 for a poll).</summary>
    public BigInteger Sensitivity { get; private set; }

    /// <summary>Discrete Laplace scale of the total noise per element, in encoded units (null for a poll).</summary>
    public PolyaNoise? Noise { get; private set; }

    /// <summary>The local randomizer of a poll (null otherwise).</summary>
    public RandomizedResponse? Response { get; private set; }

    /// <summary>
    /// Reads the plan's DP parameters. Returns null and no problem when the plan requests no DP.
    /// A poll always uses randomized response, by default with fair coins.
    /// </summary>
    public static (PrivateRelease? Release, string? Problem) From(SessionPlan plan)
    {
        if (plan.Dp is null && plan.Computation != Computation.Poll)
        {
            return (null, null);
        }

        if (plan.Computation is not (Computation.Sum or Computation.Average or Computation.Vote or Computation.Poll))
        {
            return (null, $"differential privacy applies to sum, average, vote and poll, not {plan.Computation}");
        }

        var parties = plan.Parties.Count;
        var threshold = plan.Dp?.CollusionThreshold is > 0 ? plan.Dp.CollusionThreshold : parties - 1;
        if (threshold > parties - 1 || plan.Dp?.CollusionThreshold < 0)
        {
            return (null, $"collusion threshold {plan.Dp?.CollusionThreshold} is outside 0..{parties - 1} for {parties} parties");
        }

        var relation = plan.Dp?.Relation == ProtoRelation.Replacement ? NeighbourRelation.Replacement : NeighbourRelation.AddRemove;
        if (plan.Computation == Computation.Poll && (plan.Dp is null || plan.Dp.Epsilon.Length == 0))
        {
            var classic = new PrivateRelease(plan, RandomizedResponse.LnThreeUpperBound, relation, threshold) { Response = RandomizedResponse.Classic };
            return (classic, null);
        }

        if (!Rational.TryParse(plan.Dp!.Epsilon, out var epsilon) || epsilon.Sign <= 0)
        {
            return (null, $"epsilon '{plan.Dp.Epsilon}' is not a positive number (an integer, a decimal or a fraction such as 1/2)");
        }

        var release = new PrivateRelease(plan, epsilon, relation, threshold);
        var problem = plan.Computation switch
        {
            Computation.Poll => release.PreparePoll(),
            Computation.Vote => release.PrepareVote(),
            _ => release.PrepareSum(),
        };
        return problem is null ? (release, null) : (null, problem);
    }

    /// <summary>Draws this node's noise share for every element, in encoded units, as ring elements.</summary>
    public ulong[] DrawNoiseShares(int length, ExactSampler sampler)
    {
        var shares = new ulong[length];
        if (Noise is null)
        {
            return shares;
        }

        for (var i = 0; i < length; i++)
        {
            shares[i] = unchecked((ulong)(long)Noise.SampleShare(sampler));
        }

        return shares;
    }

    /// <summary>Describes the release for its recipients, in the result's units.</summary>
    public DpRelease Describe()
    {
        var description = new DpRelease
        {
            Epsilon = Epsilon.ToString(),
            CollusionThreshold = CollusionThreshold,
            Relation = Relation == NeighbourRelation.Replacement ? ProtoRelation.Replacement : ProtoRelation.AddRemove,
        };

        if (Response is not null)
        {
            description.Mechanism = "randomized-response";
            description.Sensitivity = "1";
            description.NoiseScale = Response.TruthProbability.ToString("0.######", CultureInfo.InvariantCulture);
            description.IntervalHalfWidth = Response.HalfWidth95(Plan.Parties.Count).ToString("0.######", CultureInfo.InvariantCulture);
            return description;
        }

        var factor = ResultFactor();
        description.Mechanism = "discrete-laplace";
        description.Sensitivity = Format((decimal)Sensitivity / factor);
        description.NoiseScale = Format((decimal)Noise!.Scale.ToDouble() / factor);
        description.IntervalHalfWidth = Format((decimal)Noise.TotalHalfWidth(0.95) / factor);
        return description;
    }

    private string? PrepareSum()
    {
        if (!FixedPointFormat.TryFromProto(Plan.NumberFormat, out var format))
        {
            return "the number format's bounds are not decimal numbers";
        }

        // A vector's L1 sensitivity is the sum over its elements; charging each element ε/length
        // spends ε on the whole vector.
        var length = Math.Max(1, Plan.VectorLength);
        var perElement = new NoisySumPlan(Plan.Parties.Count, format, Relation, Epsilon / new Rational(length, 1), CollusionThreshold);
        var problem = perElement.Validate();
        if (problem is not null)
        {
            return problem;
        }

        Sensitivity = perElement.Sensitivity * length;
        Noise = perElement.Noise;
        return null;
    }

    private string? PrepareVote()
    {
        if (Plan.Vote is null || Plan.Vote.Options.Count == 0)
        {
            return "a vote needs its options";
        }

        // One ballot moves the count vector by at most: plurality, 1 (added or removed) or 2
        // (moved to another option); approval, the number of options.
        if (Plan.Vote.Kind == BallotKind.Approval)
        {
            Sensitivity = Plan.Vote.Options.Count;
        }
        else
        {
            Sensitivity = Relation == NeighbourRelation.Replacement ? 2 : 1;
        }

        var scale = new Rational(Sensitivity, 1) / Epsilon;
        var tail = Plan.Parties.Count * ((scale * new Rational(NoisySumPlan.NoiseTailMultiple, 1)).Ceiling() + 1);
        if (tail > NoisySumPlan.RingLimit)
        {
            return $"the noise of scale {scale} can exceed the 64-bit ring limit {NoisySumPlan.RingLimit}; raise epsilon";
        }

        Noise = new PolyaNoise(scale, Plan.Parties.Count, CollusionThreshold);
        return null;
    }

    private string? PreparePoll()
    {
        Response = RandomizedResponse.ForEpsilon(Epsilon);
        return null;
    }

    private decimal ResultFactor() =>
        Plan.Computation is Computation.Sum or Computation.Average && FixedPointFormat.TryFromProto(Plan.NumberFormat, out var format)
            ? format.Factor * (Plan.Computation == Computation.Average ? Plan.Parties.Count : 1)
            : 1;

    private static string Format(decimal value) => FixedPointFormat.Format(Math.Round(value, 6));
}
