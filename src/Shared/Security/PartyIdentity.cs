using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace MpcNetwork.Shared.Security;

/// <summary>
/// Maps certificates to party ids. A federation certificate carries its party id as a
/// subject alternative name URI <c>urn:mpcnetwork:party:ID</c>; nothing else (common name,
/// DNS names) counts.
/// </summary>
public static partial class PartyIdentity
{
    /// <summary>Prefix of the SAN URI that names a party.</summary>
    public const string UriPrefix = "urn:mpcnetwork:party:";

    /// <summary>Identity of the coordinator's certificate.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>Identity of the certificate that the command line uses to call the coordinator.</summary>
    public const string Caller = "caller";

    private const string SubjectAlternativeNameOid = "2.5.29.17";

    /// <summary>Whether <paramref name="id"/> is a valid party id: 1–64 of a–z, 0–9, '-' and '_', starting with a letter or digit.</summary>
    public static bool IsValid(string? id) => id is not null && PartyIdPattern().IsMatch(id);

    /// <summary>Returns the party id that the certificate names, or null when it names none or several.</summary>
    public static string? Find(X509Certificate2 certificate)
    {
        string? found = null;
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != SubjectAlternativeNameOid)
            {
                continue;
            }

            foreach (var uri in ReadUris(extension.RawData))
            {
                if (!uri.StartsWith(UriPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var id = uri[UriPrefix.Length..];
                if (found is not null || !IsValid(id))
                {
                    return null;
                }

                found = id;
            }
        }

        return found;
    }

    private static List<string> ReadUris(byte[] rawSubjectAlternativeName)
    {
        var uris = new List<string>();
        var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
        try
        {
            var names = new AsnReader(rawSubjectAlternativeName, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                if (names.PeekTag() == uriTag)
                {
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag));
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            // A malformed extension names no party.
            return [];
        }

        return uris;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex PartyIdPattern();
}
