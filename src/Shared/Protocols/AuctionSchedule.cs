using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.Shared.Protocols;

/// <summary>Which part of the auction a round belongs to.</summary>
public enum AuctionPhase
{
    /// <summary>One digit of the maximum bid, from the top.</summary>
    MaximumDigit,

    /// <summary>The first party in roster order whose bid equals the maximum.</summary>
    Winner,

    /// <summary>One digit of the maximum among the other parties' bids (the second price).</summary>
    SecondPriceDigit,
}

/// <summary>
/// The round layout of the masked-OR auction. Bids are below 2^BitLength and are revealed
/// DigitBits at a time from the top: rounds [0, D) find the maximum's digits, round D finds the
/// winner (when needed), and rounds D+1 .. 2D find the second price (when asked).
/// </summary>
public sealed class AuctionSchedule
{
    public const int DefaultBitLength = 32;
    public const int MaxBitLength = 62;
    public const int DefaultDigitBits = 1;
    public const int MaxDigitBits = 4;

    private AuctionSchedule(int bitLength, int digitBits, bool revealWinner, bool secondPrice)
    {
        BitLength = bitLength;
        DigitBits = digitBits;
        SecondPrice = secondPrice;

        // A second price needs the winner: its bid is left out of the second maximum.
        FindsWinner = revealWinner || secondPrice;
        DigitRounds = (bitLength + digitBits - 1) / digitBits;
    }

    public int BitLength { get; }

    public int DigitBits { get; }

    public bool FindsWinner { get; }

    public bool SecondPrice { get; }

    /// <summary>Rounds per maximum: ceil(BitLength / DigitBits).</summary>
    public int DigitRounds { get; }

    /// <summary>Number of candidate digit values 1 .. 2^DigitBits − 1, the length of a digit round's partial.</summary>
    public int DigitCandidates => (1 << DigitBits) - 1;

    /// <summary>Largest bid after fixed-point encoding: 2^BitLength − 1.</summary>
    public ulong MaxBid => (1UL << BitLength) - 1;

    public int TotalRounds => DigitRounds + (FindsWinner ? 1 : 0) + (SecondPrice ? DigitRounds : 0);

    /// <summary>Reads and checks the plan's parameters; zero values take the defaults.</summary>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public static AuctionSchedule From(AuctionParameters? parameters)
    {
        var bitLength = parameters?.BitLength is > 0 ? parameters.BitLength : DefaultBitLength;
        var digitBits = parameters?.DigitBits is > 0 ? parameters.DigitBits : DefaultDigitBits;
        if (bitLength > MaxBitLength || parameters?.BitLength < 0)
        {
            throw new ArgumentException($"Auction bit length {parameters?.BitLength} is outside 1..{MaxBitLength}.");
        }

        if (digitBits > MaxDigitBits || parameters?.DigitBits < 0)
        {
            throw new ArgumentException($"Auction digit size {parameters?.DigitBits} bits is outside 1..{MaxDigitBits}.");
        }

        return new AuctionSchedule(bitLength, digitBits, parameters?.RevealWinner ?? false, parameters?.SecondPrice ?? false);
    }

    /// <summary>Returns the phase of <paramref name="round"/> and, for digit rounds, the digit's index from the top.</summary>
    public AuctionPhase PhaseOf(int round, out int digitIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(round, TotalRounds);

        if (round < DigitRounds)
        {
            digitIndex = round;
            return AuctionPhase.MaximumDigit;
        }

        if (FindsWinner && round == DigitRounds)
        {
            digitIndex = -1;
            return AuctionPhase.Winner;
        }

        digitIndex = round - DigitRounds - (FindsWinner ? 1 : 0);
        return AuctionPhase.SecondPriceDigit;
    }

    /// <summary>The digit of <paramref name="bid"/> at <paramref name="digitIndex"/> (0 is the top digit).</summary>
    public int DigitOf(ulong bid, int digitIndex) =>
        (int)(ShiftRight(bid, ShiftBelow(digitIndex)) & (ulong)DigitCandidates);

    /// <summary>Whether the digits of <paramref name="bid"/> above <paramref name="digitIndex"/> equal <paramref name="prefix"/>.</summary>
    public bool MatchesPrefix(ulong bid, ulong prefix, int digitIndex) =>
        ShiftRight(bid, ShiftBelow(digitIndex) + DigitBits) == prefix;

    /// <summary>Appends a revealed digit to a prefix.</summary>
    public ulong Extend(ulong prefix, int digit) => (prefix << DigitBits) | (uint)digit;

    private int ShiftBelow(int digitIndex) => (DigitRounds - 1 - digitIndex) * DigitBits;

    // Shifting a 64-bit value by 64 or more yields 0, unlike C#'s shift operator, which masks the count.
    private static ulong ShiftRight(ulong value, int count) => count >= 64 ? 0 : value >> count;
}
