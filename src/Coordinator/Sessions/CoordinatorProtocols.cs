using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Coordinator.Sessions;

/// <summary>What the coordinator does with the sum of a round's masked partials.</summary>
internal static class CoordinatorProtocols
{
    /// <summary>Digits after the scale kept when an average does not terminate.</summary>
    public const int ExtraAverageDigits = 6;

    /// <summary>Number of ring elements that each node's partial carries in <paramref name="round"/>.</summary>
    public static int PartialLength(SessionPlan plan, int round) => plan.Computation switch
    {
        Computation.Sum or Computation.Average when round == 0 => 1,
        _ => throw new InvalidOperationException($"Computation {plan.Computation} has no round {round}."),
    };

    /// <summary>
    /// Combines a round's sum of partials (the sum of the contributions) into the final result.
    /// Sum and average finish after one round.
    /// </summary>
    public static SessionResult Finish(SessionPlan plan, ulong[] roundSum)
    {
        FixedPointFormat.TryFromProto(plan.NumberFormat, out var format);
        var sum = format.Decode(roundSum[0]);
        var value = plan.Computation == Computation.Average
            ? Math.Round(sum / plan.Parties.Count, format.Scale + ExtraAverageDigits, MidpointRounding.ToEven)
            : sum;

        var result = new SessionResult
        {
            SessionId = plan.SessionId,
            Computation = plan.Computation,
            Scalar = new ScalarResult { Value = FixedPointFormat.Format(value) },
        };
        result.Parties.AddRange(plan.Parties.Select(party => party.PartyId));
        result.Recipients.AddRange(plan.Recipients);
        return result;
    }
}
