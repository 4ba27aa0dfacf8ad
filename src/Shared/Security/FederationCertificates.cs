using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MpcNetwork.Shared.Security;

/// <summary>
/// Creates a development federation: an ECDSA P-256 CA and one leaf certificate per party, for
/// the coordinator and for the command-line caller, written as PEM files.
/// </summary>
public static class FederationCertificates
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>
    /// Writes <c>ca.crt</c>, <c>ca.key</c> and <c>ID.crt</c>/<c>ID.key</c> for each party, for
    /// <see cref="PartyIdentity.Coordinator"/> and for <see cref="PartyIdentity.Caller"/> into
    /// <paramref name="directory"/>. Each leaf is valid for TLS server and client use, with DNS
    /// names ID, localhost and <paramref name="extraDnsNames"/>, and IP addresses 127.0.0.1 and ::1.
    /// </summary>
    /// <returns>The identities written, in order: parties, coordinator, caller.</returns>
    public static IReadOnlyList<string> Create(string directory, IEnumerable<string> parties, TimeSpan validity, IEnumerable<string>? extraDnsNames = null)
    {
        var identities = parties.Concat([PartyIdentity.Coordinator, PartyIdentity.Caller]).ToList();
        foreach (var id in identities)
        {
            if (!PartyIdentity.IsValid(id))
            {
                throw new ArgumentException($"Invalid party id '{id}': use 1-64 characters a-z, 0-9, '-' or '_', starting with a letter or digit.");
            }
        }

        var duplicate = identities.GroupBy(id => id).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            var reason = duplicate.Key is PartyIdentity.Coordinator or PartyIdentity.Caller ? "is reserved for the coordinator or the caller" : "is listed twice";
            throw new ArgumentException($"Party id '{duplicate.Key}' {reason}.");
        }

        Directory.CreateDirectory(directory);
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = notBefore.Add(validity);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = CreateCa(caKey, notBefore, notAfter.AddDays(1));
        WritePem(directory, "ca", ca, caKey);

        var dnsNames = (extraDnsNames ?? []).ToList();
        foreach (var id in identities)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var leaf = CreateLeaf(ca, key, id, dnsNames, notBefore, notAfter);
            WritePem(directory, id, leaf, key);
        }

        return identities;
    }

    private static X509Certificate2 CreateCa(ECDsa key, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest("CN=MpcNetwork federation CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(X509BasicConstraintsExtension.CreateForCertificateAuthority(0));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    private static X509Certificate2 CreateLeaf(X509Certificate2 ca, ECDsa key, string id, List<string> extraDnsNames, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest($"CN={id}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(X509BasicConstraintsExtension.CreateForEndEntity(critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid), new Oid(ClientAuthOid)], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri(PartyIdentity.UriPrefix + id));
        names.AddDnsName(id);
        names.AddDnsName("localhost");
        foreach (var dns in extraDnsNames.Distinct())
        {
            names.AddDnsName(dns);
        }

        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(ca, notBefore, notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    private static void WritePem(string directory, string name, X509Certificate2 certificate, ECDsa key)
    {
        File.WriteAllText(Path.Combine(directory, name + ".crt"), certificate.ExportCertificatePem() + "\n");

        var keyPath = Path.Combine(directory, name + ".key");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
