using System.Text;
using MpcNetwork.Shared.Psi;

namespace MpcNetwork.Tests.Psi;

/// <summary>Deterministic test sets: random-looking unique items, with chosen items planted in several sets.</summary>
internal static class PsiTestSets
{
    /// <summary>Returns <paramref name="count"/> distinct items that start with <paramref name="prefix"/>.</summary>
    public static List<string> Unique(string prefix, int count, int seed)
    {
        var random = new Random(seed);
        var items = new HashSet<string>(StringComparer.Ordinal);
        while (items.Count < count)
        {
            items.Add($"{prefix}-{random.NextInt64():x16}@example.com");
        }

        return [.. items];
    }

    public static PsiItemSet ToSet(IEnumerable<string> values, int bound) =>
        PsiInputReader.FromValues(values, CanonicalProfile.Exact, bound);

    public static string[] Texts(PsiResult result) =>
        [.. result.Items.Select(item => Encoding.UTF8.GetString(item)).Order(StringComparer.Ordinal)];

    public static string[] Sorted(IEnumerable<string> values) => [.. values.Order(StringComparer.Ordinal)];
}
