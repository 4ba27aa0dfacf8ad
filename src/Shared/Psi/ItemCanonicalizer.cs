using System.Text;

namespace MpcNetwork.Shared.Psi;

/// <summary>
/// Turns raw text into the canonical form that PSI hashes, so that the same item written in
/// different ways on different nodes matches.
/// </summary>
/// <remarks>
/// NFC comes from the system's ICU through <see cref="string.Normalize(NormalizationForm)"/>.
/// Unicode's stability policy keeps NFC results fixed across versions for assigned characters;
/// NOTE: nodes whose ICU versions differ may still disagree on characters that only the newer
/// version assigns.
/// </remarks>
public static class ItemCanonicalizer
{
    private const char ByteOrderMark = '\uFEFF';

    /// <summary>Returns the canonical form of <paramref name="value"/>; an empty result means a blank item.</summary>
    public static string Canonicalize(string value, CanonicalProfile profile)
    {
        ArgumentNullException.ThrowIfNull(value);

        var text = value.TrimStart(ByteOrderMark);
        text = text.Normalize(NormalizationForm.FormC).Trim();

        return profile switch
        {
            CanonicalProfile.Exact => text,
            CanonicalProfile.Email => text.ToLowerInvariant(),
            _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown canonicalisation profile; use Exact or Email."),
        };
    }
}
