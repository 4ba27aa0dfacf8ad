namespace MpcNetwork.Shared.Security;

/// <summary>A certificate or key file is missing, unreadable, expired or not issued by the federation CA.</summary>
public sealed class CertificateException : Exception
{
    public CertificateException(string filePath, string reason)
        : base($"Certificate file '{filePath}' {reason}")
    {
        FilePath = filePath;
    }

    /// <summary>Path of the file at fault.</summary>
    public string FilePath { get; }
}
