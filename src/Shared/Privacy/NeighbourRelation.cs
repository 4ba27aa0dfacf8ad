namespace MpcNetwork.Shared.Privacy;

/// <summary>Which pairs of datasets count as neighbours, and so what a privacy guarantee hides.</summary>
public enum NeighbourRelation
{
    Unspecified = 0,

    /// <summary>
    /// Datasets differ by one party's record being present or absent (unbounded DP). It hides
    /// whether a party took part at all. The number of parties is then private too.
    /// </summary>
    AddRemove = 1,

    /// <summary>
    /// Datasets of the same size differ in one party's value (bounded DP). It hides what a party
    /// contributed, while the number of parties stays public.
    /// </summary>
    Replacement = 2,
}
