namespace MpcNetwork.Shared.Psi;

/// <summary>What the recipient of a PSI session learns.</summary>
public enum PsiMode
{
    /// <summary>The items in the intersection.</summary>
    Intersection = 1,

    /// <summary>Only the number of items in the intersection.</summary>
    Cardinality = 2,
}
