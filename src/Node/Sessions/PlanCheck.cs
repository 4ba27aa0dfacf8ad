using MpcNetwork.Node.Privacy;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Privacy;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Node.Sessions;

/// <summary>The reason a node rejects a plan at prepare: a rule name and an explanation without input values.</summary>
internal sealed record PlanRejection(string Rule, string Detail);

/// <summary>
/// Checks a plan at prepare, before anything leaves the node: its shape, this node's policy, and
/// whether this node's input fits it. On success returns the computation that holds the encoded input.
/// </summary>
internal static class PlanCheck
{
    public static (NodeComputation? Computation, PlanRejection? Rejection) Check(SessionPlan plan, string partyId, NodeOptions options, PrivacyBudget budget, DateTimeOffset now)
    {
        var rejection = CheckShape(plan, partyId, now) ?? CheckPolicy(plan, options.Policy);
        if (rejection is not null)
        {
            return (null, rejection);
        }

        var (release, dpProblem) = PrivateRelease.From(plan);
        if (dpProblem is not null)
        {
            return (null, new("dp-parameters", dpProblem));
        }

        if (release is not null)
        {
            return CheckPrivate(plan, partyId, options, budget, release);
        }

        var input = options.InputNamed(plan.InputName);
        if (input is null)
        {
            var setting = plan.InputName.Length == 0 ? "Node:Input" : $"Node:Inputs:{plan.InputName}";
            return (null, new("input", $"party '{partyId}' has no input for this plan (setting {setting})"));
        }

        return plan.Computation switch
        {
            Computation.Vote => EncodeBallot(plan, partyId, input),
            Computation.Auction => EncodeBid(plan, partyId, input),
            Computation.Psi => Psi.PsiInputCheck.Read(plan, partyId, input),
            _ => EncodeNumber(plan, partyId, input),
        };
    }

    private static PlanRejection? CheckShape(SessionPlan plan, string partyId, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(plan.SessionId))
        {
            return new("plan", "the plan has no session id");
        }

        if (plan.Parties.Count(party => party.PartyId == partyId) != 1)
        {
            return new("plan", $"party '{partyId}' is not listed exactly once in the plan");
        }

        if (plan.Parties.Select(party => party.PartyId).Distinct(StringComparer.Ordinal).Count() != plan.Parties.Count)
        {
            return new("plan", "the plan lists a party twice");
        }

        if (plan.Deadline is null || plan.Deadline.ToDateTimeOffset() <= now)
        {
            return new("deadline", "the plan's deadline has already passed");
        }

        if (plan.Recipients.Count == 0)
        {
            return new("recipients", "the plan names no recipient");
        }

        return plan.Computation is Computation.Sum or Computation.Average or Computation.Auction or Computation.Vote or Computation.Poll or Computation.Psi
            ? null
            : new("computation", $"this node does not know computation {plan.Computation}");
    }

    private static PlanRejection? CheckPolicy(SessionPlan plan, NodePolicyOptions policy)
    {
        var name = NodePolicyOptions.NameOf(plan.Computation);
        if (!policy.Joins(plan.Computation))
        {
            return new("computation-not-allowed", $"this node does not join {name} sessions (Node:Policy:Computations)");
        }

        var minimum = policy.MinPartiesFor(plan.Computation);
        if (plan.Parties.Count < minimum)
        {
            return new("min-parties", $"{name} needs at least {minimum} parties on this node, the plan has {plan.Parties.Count}");
        }

        if (policy.AllowedRecipients is { } allowed)
        {
            var refused = plan.Recipients.FirstOrDefault(recipient => !allowed.Contains(recipient, StringComparer.Ordinal));
            if (refused is not null)
            {
                return new("recipient-not-allowed", $"recipient '{refused}' is not allowed by this node (Node:Policy:AllowedRecipients)");
            }
        }

        if (plan.Computation is not (Computation.Vote or Computation.Psi) && (policy.InputMin is not null || policy.InputMax is not null))
        {
            if (!FixedPointFormat.TryFromProto(plan.NumberFormat, out var format))
            {
                return new("number-format", "the plan's number format has unreadable bounds");
            }

            var min = plan.Computation == Computation.Auction ? 0 : format.Min;
            if (min > policy.InputMin || format.Max < policy.InputMax)
            {
                return new("input-range-policy",
                    $"the plan's range [{FixedPointFormat.Format(min)}, {FixedPointFormat.Format(format.Max)}] is narrower than this node's declared input range "
                    + $"[{Describe(policy.InputMin)}, {Describe(policy.InputMax)}]");
            }
        }

        return null;
    }

    /// <summary>
    /// Checks the budget, draws this node's noise before it reads the input (so that the time the
    /// input takes does not depend on the noise), then encodes the input: clamped for a sum, a 0/1
    /// vector for a vote, one randomized answer for a poll. The ledger is debited at start.
    /// </summary>
    private static (NodeComputation?, PlanRejection?) CheckPrivate(SessionPlan plan, string partyId, NodeOptions options, PrivacyBudget budget, PrivateRelease release)
    {
        var inputKey = PrivacyBudget.InputKey(plan.InputName);
        try
        {
            var status = budget.Ledger.GetStatus(inputKey);
            if (status.Remaining < release.Epsilon)
            {
                return Reject("privacy-budget", $"input '{inputKey}' of party '{partyId}' has {status.Remaining} of its privacy budget left, the plan asks for epsilon {release.Epsilon}");
            }
        }
        catch (Exception error) when (error is ArgumentException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            return Reject("privacy-budget", $"the privacy ledger of party '{partyId}' is unusable for input '{inputKey}': {error.Message}");
        }

        var sampler = ExactSampler.Secure;
        var length = plan.Computation == Computation.Vote ? plan.Vote.Options.Count : (int)Math.Max(1, plan.VectorLength);
        var noise = release.DrawNoiseShares(length, sampler);
        var input = options.InputNamed(plan.InputName);
        if (input is null)
        {
            return Reject("input", $"party '{partyId}' has no input for this plan");
        }

        ulong[] encoded;
        if (plan.Computation == Computation.Poll)
        {
            if (!TryParseAnswer(input, out var truth))
            {
                return Reject("input", $"the poll answer of party '{partyId}' is not yes or no");
            }

            encoded = [release.Response!.Respond(truth, sampler) ? 1UL : 0UL];
        }
        else if (plan.Computation == Computation.Vote)
        {
            var (vector, problem) = Ballot.Encode(input, plan.Vote);
            if (problem is not null)
            {
                return Reject("ballot", $"the ballot of party '{partyId}' is invalid: {problem}");
            }

            encoded = vector!;
        }
        else
        {
            var (values, rejection) = EncodeClamped(plan, partyId, input);
            if (rejection is not null)
            {
                return (null, rejection);
            }

            encoded = values!;
        }

        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] += noise[i];
        }

        return (new AdditiveComputation(encoded) { Charge = new PrivacyCharge(inputKey, release.Epsilon) }, null);
    }

    private static (ulong[]?, PlanRejection?) EncodeClamped(SessionPlan plan, string partyId, string input)
    {
        // Differential privacy bounds each party's influence by clamping, not by rejecting: a
        // rejection would reveal that the input lies outside the bounds.
        FixedPointFormat.TryFromProto(plan.NumberFormat, out var format);
        return EncodeValues(plan, partyId, input, format, clamp: true);
    }

    private static bool TryParseAnswer(string text, out bool answer)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "yes" or "true" or "1":
                answer = true;
                return true;
            case "no" or "false" or "0":
                answer = false;
                return true;
            default:
                answer = false;
                return false;
        }
    }

    private static (NodeComputation?, PlanRejection?) EncodeNumber(SessionPlan plan, string partyId, string input)
    {
        if (!FixedPointFormat.TryFromProto(plan.NumberFormat, out var format))
        {
            return Reject("number-format", "the plan's number format has unreadable bounds");
        }

        var formatProblem = format.Validate(plan.Parties.Count);
        if (formatProblem is not null)
        {
            return Reject("number-format", formatProblem);
        }

        var (encoded, rejection) = EncodeValues(plan, partyId, input, format, clamp: false);
        return rejection is null ? (new AdditiveComputation(encoded!), null) : (null, rejection);
    }

    /// <summary>Reads a numeric input, checks its length against the plan, and encodes each value (clamped first when asked).</summary>
    private static (ulong[]?, PlanRejection?) EncodeValues(SessionPlan plan, string partyId, string input, FixedPointFormat format, bool clamp)
    {
        var (values, problem) = InputValues.Read(input);
        if (values is null)
        {
            return (null, new("input", $"the input of party '{partyId}' is unusable: {problem}"));
        }

        var expected = Math.Max(1, plan.VectorLength);
        if (values.Length != expected)
        {
            return (null, new("input-length", $"party '{partyId}' has {values.Length} input values, the plan expects {expected}"));
        }

        var encoded = new ulong[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var value = clamp ? Math.Clamp(values[i], format.Min, format.Max) : values[i];
            var violation = format.TryEncode(value, out encoded[i]);
            if (violation != InputViolation.None)
            {
                var element = values.Length == 1 ? "" : $" (element {i + 1})";
                return (null, new("input-range", $"the input of party '{partyId}'{element} {format.Describe(violation)}"));
            }
        }

        return (encoded, null);
    }

    private static (NodeComputation?, PlanRejection?) EncodeBid(SessionPlan plan, string partyId, string input)
    {
        AuctionSchedule schedule;
        try
        {
            schedule = AuctionSchedule.From(plan.Auction);
        }
        catch (ArgumentException error)
        {
            return Reject("auction-parameters", error.Message);
        }

        if (!FixedPointFormat.TryFromProto(plan.NumberFormat, out var declared))
        {
            return Reject("number-format", "the plan's number format has unreadable bounds");
        }

        // Bids are non-negative and their encoding must fit the bit length.
        var format = declared with { Min = 0, Max = schedule.MaxBid / declared.Factor };
        var (encoded, rejection) = EncodeDecimal(format, partyId, input);
        if (plan.VectorLength > 0)
        {
            return Reject("plan", "an auction takes one bid per party, not a vector");
        }

        if (rejection is not null)
        {
            return (null, rejection);
        }

        var index = plan.Parties.ToList().FindIndex(party => party.PartyId == partyId);
        return (new AuctionComputation(encoded, schedule, index, plan.Parties.Count), null);
    }

    private static (NodeComputation?, PlanRejection?) EncodeBallot(SessionPlan plan, string partyId, string input)
    {
        var problem = Ballot.ValidateParameters(plan.Vote);
        if (problem is not null)
        {
            return Reject("vote-parameters", problem);
        }

        var (vector, ballotProblem) = Ballot.Encode(input, plan.Vote);
        return ballotProblem is null
            ? (new AdditiveComputation(vector!), null)
            : Reject("ballot", $"the ballot of party '{partyId}' is invalid: {ballotProblem}");
    }

    private static (ulong Encoded, PlanRejection? Rejection) EncodeDecimal(FixedPointFormat format, string partyId, string input)
    {
        if (!FixedPointFormat.TryParse(input, out var value))
        {
            return (0, new("input", $"the input of party '{partyId}' is not a decimal number"));
        }

        var violation = format.TryEncode(value, out var encoded);
        return violation == InputViolation.None
            ? (encoded, null)
            : (0, new("input-range", $"the input of party '{partyId}' {format.Describe(violation)}"));
    }

    private static string Describe(decimal? bound) => bound is { } value ? FixedPointFormat.Format(value) : "unbounded";

    private static (NodeComputation?, PlanRejection?) Reject(string rule, string detail) => (null, new PlanRejection(rule, detail));
}
