namespace MpcNetwork.Shared.Security;

/// <summary>Where a service finds its PEM files (configuration section <c>Certificates</c>).</summary>
public sealed class CertificateOptions
{
    public const string SectionName = "Certificates";

    /// <summary>The federation CA certificate, the only trust anchor. Default <c>certs/ca.crt</c>.</summary>
    public string CaFile { get; set; } = "certs/ca.crt";

    /// <summary>This service's certificate, issued by the federation CA.</summary>
    public string CertificateFile { get; set; } = "";

    /// <summary>The PKCS#8 private key of <see cref="CertificateFile"/>.</summary>
    public string KeyFile { get; set; } = "";
}
