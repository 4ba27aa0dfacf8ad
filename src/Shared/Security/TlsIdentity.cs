using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MpcNetwork.Shared.Security;

/// <summary>A service's federation CA, its own certificate with private key, and the party id that the certificate names.</summary>
public sealed class TlsIdentity
{
    private TlsIdentity(X509Certificate2 ca, X509Certificate2 certificate, string partyId)
    {
        Ca = ca;
        Certificate = certificate;
        PartyId = partyId;
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Certificate { get; }

    public string PartyId { get; }

    /// <summary>
    /// Loads and checks the PEM files. Throws <see cref="CertificateException"/> naming the file
    /// when one is missing, unreadable, not yet valid or expired, or not issued by the CA.
    /// </summary>
    public static TlsIdentity Load(CertificateOptions options, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var ca = LoadCertificate(options.CaFile, "CA certificate");
        CheckValidity(options.CaFile, ca, now);

        var certificate = LoadCertificate(options.CertificateFile, "certificate");
        CheckValidity(options.CertificateFile, certificate, now);

        RequireFile(options.KeyFile, "private key");
        X509Certificate2 withKey;
        try
        {
            withKey = X509Certificate2.CreateFromPemFile(options.CertificateFile, options.KeyFile);
        }
        catch (Exception error) when (error is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new CertificateException(options.KeyFile, $"is unreadable or does not hold the private key of '{options.CertificateFile}'.");
        }

        if (!IsIssuedBy(withKey, ca, now))
        {
            throw new CertificateException(options.CertificateFile, $"is not issued by the federation CA in '{options.CaFile}'.");
        }

        var partyId = PartyIdentity.Find(withKey)
            ?? throw new CertificateException(options.CertificateFile, $"names no party: it needs one subject alternative name '{PartyIdentity.UriPrefix}<id>'.");

        return new TlsIdentity(ca, withKey, partyId);
    }

    /// <summary>Builds the chain policy that trusts the federation CA and nothing else.</summary>
    public X509ChainPolicy CreateChainPolicy() => CreateChainPolicy(Ca);

    /// <inheritdoc cref="CreateChainPolicy()"/>
    public static X509ChainPolicy CreateChainPolicy(X509Certificate2 ca)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            // The federation CA publishes no revocation list; a revoked party is removed by
            // issuing a new CA (documented in the README).
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(ca);
        return policy;
    }

    /// <summary>Whether <paramref name="certificate"/> chains to <paramref name="ca"/> at <paramref name="now"/>.</summary>
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2 ca, DateTimeOffset now)
    {
        using var chain = new X509Chain { ChainPolicy = CreateChainPolicy(ca) };
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        return chain.Build(certificate);
    }

    private static X509Certificate2 LoadCertificate(string path, string kind)
    {
        RequireFile(path, kind);
        try
        {
            return X509CertificateLoader.LoadCertificate(ReadPem(path));
        }
        catch (Exception error) when (error is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new CertificateException(path, $"is unreadable as a PEM {kind}: {error.Message}");
        }
    }

    private static byte[] ReadPem(string path)
    {
        var text = File.ReadAllText(path);
        var fields = PemEncoding.Find(text);
        var label = text[fields.Label];
        if (label != "CERTIFICATE")
        {
            throw new ArgumentException($"expected a CERTIFICATE block, found {label}");
        }

        return Convert.FromBase64String(text[fields.Base64Data]);
    }

    private static void RequireFile(string path, string kind)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CertificateException(path, $"is not set: configure the path of the {kind}.");
        }

        if (!File.Exists(path))
        {
            throw new CertificateException(path, $"is missing ({kind}).");
        }
    }

    private static void CheckValidity(string path, X509Certificate2 certificate, DateTimeOffset now)
    {
        if (now < certificate.NotBefore.ToUniversalTime())
        {
            throw new CertificateException(path, $"is not valid before {certificate.NotBefore.ToUniversalTime():u}.");
        }

        if (now > certificate.NotAfter.ToUniversalTime())
        {
            throw new CertificateException(path, $"expired on {certificate.NotAfter.ToUniversalTime():u}.");
        }
    }
}
