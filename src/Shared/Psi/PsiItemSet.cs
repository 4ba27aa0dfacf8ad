using System.Security.Cryptography;

namespace MpcNetwork.Shared.Psi;

/// <summary>
/// A party's PSI input after canonicalisation: distinct items as UTF-8 bytes, in first-seen
/// order, with counts of what was dropped.
/// </summary>
public sealed class PsiItemSet
{
    internal PsiItemSet(IReadOnlyList<byte[]> items, int bound, int blankLineCount, int duplicateCount)
    {
        Items = items;
        Bound = bound;
        BlankLineCount = blankLineCount;
        DuplicateCount = duplicateCount;
    }

    /// <summary>Distinct canonical items, UTF-8 encoded.</summary>
    public IReadOnlyList<byte[]> Items { get; }

    /// <summary>The declared bound on the number of items; every message is padded to it.</summary>
    public int Bound { get; }

    /// <summary>Lines (or values) that were blank after canonicalisation and were dropped.</summary>
    public int BlankLineCount { get; }

    /// <summary>Lines (or values) whose canonical form had appeared before.</summary>
    public int DuplicateCount { get; }

    /// <summary>Number of distinct items.</summary>
    public int Count => Items.Count;

    /// <summary>
    /// Returns the items followed by dummy items up to the bound. A dummy is 0xFF and 16 random
    /// bytes: 0xFF never occurs in UTF-8, so a dummy never equals a canonical item. The
    /// protocols treat dummies like items, so their work, and so their timing, depends only on
    /// the bound.
    /// </summary>
    internal byte[][] PaddedToBound()
    {
        var padded = new byte[Bound][];
        for (var i = 0; i < Bound; i++)
        {
            if (i < Count)
            {
                padded[i] = Items[i];
                continue;
            }

            padded[i] = new byte[17];
            padded[i][0] = 0xFF;
            RandomNumberGenerator.Fill(padded[i].AsSpan(1));
        }

        return padded;
    }
}
