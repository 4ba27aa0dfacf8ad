using Google.Protobuf.WellKnownTypes;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Privacy;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Coordinator.Sessions;

/// <summary>Turns a caller's request into a session plan, rejecting what no node could run.</summary>
internal static class PlanBuilder
{
    /// <summary>Largest vector: the coordinator keeps the round's sum, 8 bytes per element, in one array.</summary>
    public const long MaxVectorLength = 100_000_000;

    /// <summary>Builds the plan; throws <see cref="ArgumentException"/> with the reason when the request is invalid.</summary>
    public static SessionPlan Build(RunSessionRequest request, CoordinatorOptions options, string callerId, DateTimeOffset now)
    {
        if (request.Computation is not (Computation.Sum or Computation.Average or Computation.Auction or Computation.Vote or Computation.Poll or Computation.Psi))
        {
            throw new ArgumentException($"Unknown computation {request.Computation}; use sum, average, auction, vote, poll or psi.");
        }

        foreach (var requested in request.Parties)
        {
            if (!options.Roster.Any(entry => entry.PartyId == requested))
            {
                throw new ArgumentException($"Party '{requested}' is not in the coordinator's roster ({string.Join(", ", options.Roster.Select(entry => entry.PartyId))}).");
            }
        }

        if (request.Parties.Distinct(StringComparer.Ordinal).Count() != request.Parties.Count)
        {
            throw new ArgumentException("A party is named twice in the request.");
        }

        // Roster order, not request order, fixes each party's index.
        var parties = options.Roster
            .Where(entry => request.Parties.Count == 0 || request.Parties.Contains(entry.PartyId))
            .Select(entry => new Participant { PartyId = entry.PartyId, Endpoint = entry.Endpoint })
            .ToList();
        if (parties.Count < 2)
        {
            throw new ArgumentException($"A session needs at least 2 parties; the request names {parties.Count}.");
        }

        var recipients = request.Recipients.Count == 0
            ? parties.Select(party => party.PartyId).Append(callerId).ToList()
            : request.Recipients.Distinct(StringComparer.Ordinal).ToList();
        foreach (var recipient in recipients)
        {
            if (recipient != callerId && !parties.Any(party => party.PartyId == recipient))
            {
                throw new ArgumentException($"Recipient '{recipient}' is neither a party of this session nor the caller ('{callerId}').");
            }
        }

        if (!FixedPointFormat.TryFromProto(request.NumberFormat, out var format))
        {
            throw new ArgumentException("The number format's bounds are not decimal numbers.");
        }

        var formatProblem = format.Validate(parties.Count);
        if (formatProblem is not null)
        {
            throw new ArgumentException($"Invalid number format: {formatProblem}.");
        }

        if (request.VectorLength < 0 || request.VectorLength > MaxVectorLength)
        {
            throw new ArgumentException($"Vector length {request.VectorLength} is outside 0..{MaxVectorLength}.");
        }

        if (request.VectorLength > 0 && request.Computation is not (Computation.Sum or Computation.Average))
        {
            throw new ArgumentException("Only sum and average take vector inputs.");
        }

        if (request.Computation == Computation.Auction)
        {
            // Throws with the parameter at fault.
            AuctionSchedule.From(request.Auction);
        }

        if (request.Computation == Computation.Vote)
        {
            var voteProblem = Ballot.ValidateParameters(request.Vote);
            if (voteProblem is not null)
            {
                throw new ArgumentException($"Invalid vote: {voteProblem}.");
            }
        }

        PsiParameters? psi = null;
        if (request.Computation == Computation.Psi)
        {
            // Throws with the parameter at fault; the plan carries every party's bound explicitly.
            psi = PsiPlan.Complete(request.Psi, [.. parties.Select(party => party.PartyId)], recipients);
        }

        var timeout = request.TimeoutMs switch
        {
            0 => options.SessionTimeout,
            < 0 => throw new ArgumentException($"Timeout {request.TimeoutMs} ms is negative."),
            _ => TimeSpan.FromMilliseconds(request.TimeoutMs),
        };

        var plan = new SessionPlan
        {
            SessionId = Guid.NewGuid().ToString("N"),
            Computation = request.Computation,
            Deadline = Timestamp.FromDateTimeOffset(now + timeout),
            NumberFormat = format.ToProto(),
            InputName = request.InputName,
            VectorLength = request.VectorLength,
            Dp = request.Dp,
        };
        if (request.Computation == Computation.Auction)
        {
            plan.Auction = request.Auction ?? new AuctionParameters();
        }

        if (request.Computation == Computation.Vote)
        {
            plan.Vote = request.Vote;
        }

        if (psi is not null)
        {
            plan.Psi = psi;
        }

        plan.Parties.AddRange(parties);
        plan.Recipients.AddRange(recipients);

        var (_, dpProblem) = PrivateRelease.From(plan);
        if (dpProblem is not null)
        {
            throw new ArgumentException($"Invalid differential privacy parameters: {dpProblem}.");
        }

        return plan;
    }
}
