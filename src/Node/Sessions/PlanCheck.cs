using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Node.Sessions;

/// <summary>The reason a node rejects a plan at prepare: a rule name and an explanation without input values.</summary>
internal sealed record PlanRejection(string Rule, string Detail);

/// <summary>Checks a plan at prepare, before anything leaves the node, and encodes the input for it.</summary>
internal static class PlanCheck
{
    /// <summary>Returns the encoded input for <paramref name="plan"/>, or the rejection.</summary>
    public static (ulong[]? EncodedInput, PlanRejection? Rejection) Check(SessionPlan plan, string partyId, string? input, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(plan.SessionId))
        {
            return Reject("plan", "the plan has no session id");
        }

        if (plan.Parties.Count(party => party.PartyId == partyId) != 1)
        {
            return Reject("plan", $"party '{partyId}' is not listed exactly once in the plan");
        }

        if (plan.Parties.Select(party => party.PartyId).Distinct(StringComparer.Ordinal).Count() != plan.Parties.Count)
        {
            return Reject("plan", "the plan lists a party twice");
        }

        if (plan.Deadline is null || plan.Deadline.ToDateTimeOffset() <= now)
        {
            return Reject("deadline", "the plan's deadline has already passed");
        }

        if (plan.Recipients.Count == 0)
        {
            return Reject("recipients", "the plan names no recipient");
        }

        if (plan.Computation is not (Computation.Sum or Computation.Average))
        {
            return Reject("computation", $"this node does not run computation {plan.Computation}");
        }

        if (!FixedPointFormat.TryFromProto(plan.NumberFormat, out var format))
        {
            return Reject("number-format", "the plan's number format has unreadable bounds");
        }

        var formatProblem = format.Validate(plan.Parties.Count);
        if (formatProblem is not null)
        {
            return Reject("number-format", formatProblem);
        }

        if (input is null || !FixedPointFormat.TryParse(input, out var value))
        {
            return Reject("input", $"party '{partyId}' has no numeric input configured (setting Node:Input)");
        }

        var violation = format.TryEncode(value, out var encoded);
        if (violation != InputViolation.None)
        {
            return Reject("input-range", $"the input of party '{partyId}' {format.Describe(violation)}");
        }

        return ([encoded], null);
    }

    private static (ulong[]?, PlanRejection?) Reject(string rule, string detail) => (null, new PlanRejection(rule, detail));
}
