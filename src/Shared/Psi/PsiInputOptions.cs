namespace MpcNetwork.Shared.Psi;

/// <summary>How to read one party's PSI input file.</summary>
/// <param name="Profile">Canonicalisation profile; must match the session plan.</param>
/// <param name="Bound">Declared maximum number of distinct items, at least 1.</param>
/// <param name="CsvColumn">Zero-based CSV column that contains the item, or null for one item per line.</param>
/// <param name="SkipHeader">Whether the first line is a header to skip.</param>
public sealed record PsiInputOptions(CanonicalProfile Profile, int Bound, int? CsvColumn = null, bool SkipHeader = false);
