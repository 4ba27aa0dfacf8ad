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
}
