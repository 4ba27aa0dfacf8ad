namespace MpcNetwork.Shared.Psi;

/// <summary>The output of a PSI session at the leader.</summary>
public sealed class PsiResult
{
    internal PsiResult(PsiMode mode, IReadOnlyList<byte[]> items, int count)
    {
        Mode = mode;
        Items = items;
        Count = count;
    }

    /// <summary>The mode the session ran in.</summary>
    public PsiMode Mode { get; }

    /// <summary>Intersection items as canonical UTF-8 bytes; empty in cardinality mode.</summary>
    public IReadOnlyList<byte[]> Items { get; }

    /// <summary>Number of items in the intersection.</summary>
    public int Count { get; }
}
