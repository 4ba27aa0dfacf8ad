using System.Numerics;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Privacy;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Coordinator.Sessions;

/// <summary>What a round ends with: a public value for the next round, or the final result.</summary>
internal sealed record RoundOutcome(byte[]? PublicValue, SessionResult? Result);

/// <summary>The coordinator's side of a computation: what it makes of the sum of each round's masked partials.</summary>
internal abstract class CoordinatorComputation
{
    protected CoordinatorComputation(SessionPlan plan)
    {
        Plan = plan;
        FixedPointFormat.TryFromProto(plan.NumberFormat, out var format);
        Format = format;
        Release = PrivateRelease.From(plan).Release;
    }

    protected SessionPlan Plan { get; }

    protected FixedPointFormat Format { get; }

    /// <summary>Number of ring elements in each node's partial for <paramref name="round"/>.</summary>
    public abstract int PartialLength(int round);

    /// <summary>Combines the sum of a round's partials (the sum of the contributions).</summary>
    public abstract RoundOutcome Combine(int round, ulong[] roundSum);

    public static CoordinatorComputation For(SessionPlan plan) => plan.Computation switch
    {
        Computation.Sum or Computation.Average => new ScalarComputation(plan),
        Computation.Vote => new VoteComputation(plan),
        Computation.Poll => new PollComputation(plan),
        Computation.Auction => new AuctionCoordinatorComputation(plan),
        _ => throw new ArgumentException($"Unknown computation {plan.Computation}."),
    };

    /// <summary>The plan's differential privacy, or null.</summary>
    protected PrivateRelease? Release { get; }

    protected SessionResult NewResult()
    {
        var result = new SessionResult { SessionId = Plan.SessionId, Computation = Plan.Computation, Dp = Release?.Describe() };
        result.Parties.AddRange(Plan.Parties.Select(party => party.PartyId));
        result.Recipients.AddRange(Plan.Recipients);
        return result;
    }
}

/// <summary>Sum and average of scalars or vectors: one round, element-wise.</summary>
internal sealed class ScalarComputation(SessionPlan plan) : CoordinatorComputation(plan)
{
    public override int PartialLength(int round) => (int)Math.Max(1, Plan.VectorLength);

    public override RoundOutcome Combine(int round, ulong[] roundSum)
    {
        var result = NewResult();
        var divisor = Plan.Computation == Computation.Average ? Plan.Parties.Count : 1;
        if (Plan.VectorLength == 0)
        {
            var value = ResultValues.Value(unchecked((long)roundSum[0]), Format.Scale, divisor);
            result.Scalar = new ScalarResult { Value = FixedPointFormat.Format(value) };
            return new RoundOutcome(null, result);
        }

        // The ring sums are exact signed integers (the plan's bounds keep them in range), so the
        // result keeps them as they are and callers divide.
        var sums = new long[roundSum.Length];
        Buffer.BlockCopy(roundSum, 0, sums, 0, roundSum.Length * sizeof(long));
        result.Vector = new VectorResult { VectorLength = roundSum.Length, Scale = Format.Scale, Divisor = divisor };
        result.Vector.Sums.Add(sums);
        return new RoundOutcome(null, result);
    }
}

/// <summary>Vote tally: one round, one element per option.</summary>
internal sealed class VoteComputation(SessionPlan plan) : CoordinatorComputation(plan)
{
    public override int PartialLength(int round) => Plan.Vote.Options.Count;

    public override RoundOutcome Combine(int round, ulong[] roundSum)
    {
        var result = NewResult();
        result.Vote = new VoteResult();
        for (var i = 0; i < roundSum.Length; i++)
        {
            // Each valid ballot adds 0 or 1 per option; anything else means a node misbehaved,
            // unless noise was added.
            if (Release is null && roundSum[i] > (ulong)Plan.Parties.Count)
            {
                throw new InvalidOperationException($"The count for option {i + 1} exceeds the number of voters.");
            }

            result.Vote.Counts.Add(new OptionCount { Option = Plan.Vote.Options[i], Count = unchecked((long)roundSum[i]) });
        }

        return new RoundOutcome(null, result);
    }
}

/// <summary>Poll: the tally of randomized answers and the estimated share of true "yes" answers.</summary>
internal sealed class PollComputation(SessionPlan plan) : CoordinatorComputation(plan)
{
    public override int PartialLength(int round) => 1;

    public override RoundOutcome Combine(int round, ulong[] roundSum)
    {
        var respondents = Plan.Parties.Count;
        var yes = unchecked((long)roundSum[0]);
        if (yes < 0 || yes > respondents)
        {
            throw new InvalidOperationException($"The poll tally {yes} is outside 0..{respondents}.");
        }

        var estimate = Release!.Response!.Estimate(yes, respondents);
        var result = NewResult();
        result.Poll = new PollResult
        {
            YesCount = yes,
            Respondents = respondents,
            Estimate = estimate.Proportion.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture),
            StandardError = estimate.StandardError.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture),
        };
        return new RoundOutcome(null, result);
    }
}

/// <summary>The masked-OR auction: reads each digit round's sums as "does any matching bid have a digit ≥ v".</summary>
internal sealed class AuctionCoordinatorComputation(SessionPlan plan) : CoordinatorComputation(plan)
{
    private readonly AuctionSchedule _schedule = AuctionSchedule.From(plan.Auction);
    private ulong _prefix;
    private ulong _maximum;
    private int _winner = -1;

    public override int PartialLength(int round) =>
        _schedule.PhaseOf(round, out _) == AuctionPhase.Winner ? Plan.Parties.Count : _schedule.DigitCandidates;

    public override RoundOutcome Combine(int round, ulong[] roundSum)
    {
        var phase = _schedule.PhaseOf(round, out var digitIndex);
        byte[] publicValue;
        if (phase == AuctionPhase.Winner)
        {
            _winner = Array.FindIndex(roundSum, element => element != 0);
            if (_winner < 0)
            {
                throw new InvalidOperationException("No party reported the maximum bid in the winner round.");
            }

            publicValue = BitConverter.GetBytes(_winner);
        }
        else
        {
            // The largest candidate v whose sum is nonzero is the digit; 0 when none is.
            var digit = 0;
            for (var v = roundSum.Length; v >= 1; v--)
            {
                if (roundSum[v - 1] != 0)
                {
                    digit = v;
                    break;
                }
            }

            _prefix = _schedule.Extend(_prefix, digit);
            publicValue = [(byte)digit];
            if (digitIndex == _schedule.DigitRounds - 1)
            {
                if (phase == AuctionPhase.MaximumDigit)
                {
                    _maximum = _prefix;
                    _prefix = 0;
                }
            }
        }

        return round == _schedule.TotalRounds - 1 ? new RoundOutcome(null, Finish()) : new RoundOutcome(publicValue, null);
    }

    private SessionResult Finish()
    {
        var result = NewResult();
        result.Auction = new AuctionResult { WinningBid = Decode(_maximum) };
        if (_winner >= 0)
        {
            result.Auction.Winner = Plan.Parties[_winner].PartyId;
        }

        if (_schedule.SecondPrice)
        {
            result.Auction.Price = Decode(_prefix);
        }

        return result;
    }

    private string Decode(ulong encoded) => FixedPointFormat.Format((decimal)new BigInteger(encoded) / Format.Factor);
}
