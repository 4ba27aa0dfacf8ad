using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MpcNetwork.Shared.Protocols;

namespace MpcNetwork.Node.Sessions;

/// <summary>What a node contributes to each round, before masking, and what it does with the public value that follows.</summary>
internal abstract class NodeComputation
{
    /// <summary>Returns this node's contribution to <paramref name="round"/> as ring elements.</summary>
    public abstract ulong[] Contribute(int round);

    /// <summary>Takes the public value that the coordinator announced after <paramref name="round"/>.</summary>
    public virtual void Observe(int round, ReadOnlySpan<byte> publicValue)
    {
    }

    /// <summary>Overwrites the private input held by this object.</summary>
    public abstract void Clear();

    /// <summary>The privacy budget that the session spends, debited before the first share leaves; null when none.</summary>
    public PrivacyCharge? Charge { get; init; }
}

/// <summary>An ε to debit from one protected input's budget.</summary>
internal sealed record PrivacyCharge(string InputName, Shared.Privacy.Rational Epsilon);

/// <summary>Sum, average and vote: one round whose contribution is the encoded input vector.</summary>
internal sealed class AdditiveComputation(ulong[] encodedInput) : NodeComputation
{
    public override ulong[] Contribute(int round) => round == 0
        ? encodedInput
        : throw new SessionStepException("partial", "", $"an additive computation has no round {round}");

    public override void Clear() => Array.Clear(encodedInput);
}

/// <summary>
/// The masked-OR auction. In a digit round, element v−1 of the contribution is a fresh nonzero
/// random value when this node's bid matches the revealed prefix and its digit is at least v, and
/// 0 otherwise. So the sum is nonzero exactly when some matching bid has such a digit, except with
/// probability 2^-64. In the winner round, element j carries a fresh random value for every
/// j ≥ this node's index when the bid equals the maximum. So the first nonzero element is the
/// first tied party in roster order, and the later ones reveal nothing.
/// </summary>
internal sealed class AuctionComputation(ulong bid, AuctionSchedule schedule, int partyIndex, int partyCount) : NodeComputation
{
    private ulong _bid = bid;
    private ulong _prefix;
    private ulong _maximum;

    public override ulong[] Contribute(int round)
    {
        var phase = schedule.PhaseOf(round, out var digitIndex);
        if (phase == AuctionPhase.Winner)
        {
            var positions = new ulong[partyCount];
            if (_bid == _maximum)
            {
                FillNonZero(positions.AsSpan(partyIndex));
            }

            return positions;
        }

        var candidates = new ulong[schedule.DigitCandidates];
        if (schedule.MatchesPrefix(_bid, _prefix, digitIndex))
        {
            var digit = schedule.DigitOf(_bid, digitIndex);
            FillNonZero(candidates.AsSpan(0, digit));
        }

        return candidates;
    }

    public override void Observe(int round, ReadOnlySpan<byte> publicValue)
    {
        var phase = schedule.PhaseOf(round, out var digitIndex);
        if (phase == AuctionPhase.Winner)
        {
            if (publicValue.Length != sizeof(int))
            {
                throw Malformed(round);
            }

            // The winner leaves the second maximum: its bid counts as 0 from now on.
            if (MemoryMarshal.Read<int>(publicValue) == partyIndex)
            {
                _bid = 0;
            }

            _prefix = 0;
            return;
        }

        if (publicValue.Length != 1 || publicValue[0] > schedule.DigitCandidates)
        {
            throw Malformed(round);
        }

        _prefix = schedule.Extend(_prefix, publicValue[0]);
        if (digitIndex == schedule.DigitRounds - 1)
        {
            // The prefix is now a whole bid: the maximum of this phase.
            _maximum = _prefix;
            _prefix = 0;
        }
    }

    public override void Clear()
    {
        _bid = 0;
        _maximum = 0;
    }

    private static SessionStepException Malformed(int round) =>
        new("round", Shared.Security.PartyIdentity.Coordinator, $"the public value of round {round} is malformed");

    private static void FillNonZero(Span<ulong> values)
    {
        RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(values));
        for (var i = 0; i < values.Length; i++)
        {
            while (values[i] == 0)
            {
                values[i] = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong)));
            }
        }
    }
}
