using ICU4N.Text;

namespace MpcNetwork.Shared.Psi;

/// <summary>
/// Turns raw text into the canonical form that PSI hashes, so that the same item written in
/// different ways on different nodes matches.
/// </summary>
/// <remarks>
/// NFC comes from ICU4N (Unicode 10 data) because <see cref="string.Normalize()"/> returns its
/// input unchanged when the process runs with invariant globalization, as MpcNetwork does. A
/// pinned library also gives every node the same result whatever ICU its system has.
/// </remarks>
public static class ItemCanonicalizer
{
    private const char ByteOrderMark = '\uFEFF';

    private static readonly Normalizer2 Nfc = Normalizer2.NFCInstance;

    /// <summary>Returns the canonical form of <paramref name="value"/>; an empty result means a blank item.</summary>
    public static string Canonicalize(string value, CanonicalProfile profile)
    {
        ArgumentNullException.ThrowIfNull(value);

        var text = value.TrimStart(ByteOrderMark);
        text = Nfc.Normalize(text).Trim();

        return profile switch
        {
            CanonicalProfile.Exact => text,
            CanonicalProfile.Email => text.ToLowerInvariant(),
            _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown canonicalisation profile; use Exact or Email."),
        };
    }
}
