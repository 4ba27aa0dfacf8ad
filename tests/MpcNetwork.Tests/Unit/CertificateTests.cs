using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Tests.Unit;

public sealed class CertificateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mpcnetwork-certs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Create_writes_loadable_identities()
    {
        var written = FederationCertificates.Create(_directory, ["alice", "bob"], TimeSpan.FromDays(1));

        Assert.Equal(["alice", "bob", "coordinator", "caller"], written);
        foreach (var name in written)
        {
            var identity = TlsIdentity.Load(Options(_directory, name), TimeProvider.System);
            Assert.Equal(name, identity.PartyId);
            Assert.True(identity.Certificate.HasPrivateKey);
        }
    }

    [Fact]
    public void Create_writes_private_keys_readable_by_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes do not exist on Windows.");
        FederationCertificates.Create(_directory, ["alice"], TimeSpan.FromDays(1));

        var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(Path.Combine(_directory, "alice.key"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Theory]
    [InlineData("Alice")]
    [InlineData("coordinator")]
    [InlineData("a b")]
    [InlineData("")]
    public void Create_rejects_invalid_or_reserved_ids(string id)
    {
        Assert.Throws<ArgumentException>(() => FederationCertificates.Create(_directory, [id], TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Load_names_missing_file()
    {
        FederationCertificates.Create(_directory, ["alice"], TimeSpan.FromDays(1));
        var options = Options(_directory, "alice");
        options.CertificateFile = Path.Combine(_directory, "nobody.crt");

        var error = Assert.Throws<CertificateException>(() => TlsIdentity.Load(options, TimeProvider.System));

        Assert.Equal(options.CertificateFile, error.FilePath);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_names_unreadable_file()
    {
        FederationCertificates.Create(_directory, ["alice"], TimeSpan.FromDays(1));
        var options = Options(_directory, "alice");
        File.WriteAllText(options.KeyFile, "not a key");

        var error = Assert.Throws<CertificateException>(() => TlsIdentity.Load(options, TimeProvider.System));

        Assert.Equal(options.KeyFile, error.FilePath);
        Assert.Contains("unreadable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_names_expired_certificate()
    {
        FederationCertificates.Create(_directory, ["alice"], TimeSpan.FromDays(1));
        var options = Options(_directory, "alice");
        var later = new FixedTime(DateTimeOffset.UtcNow.AddDays(3));

        var error = Assert.Throws<CertificateException>(() => TlsIdentity.Load(options, later));

        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_names_certificate_from_another_ca()
    {
        var other = Path.Combine(_directory, "other");
        FederationCertificates.Create(_directory, ["alice"], TimeSpan.FromDays(1));
        FederationCertificates.Create(other, ["alice"], TimeSpan.FromDays(1));
        var options = Options(other, "alice");
        options.CaFile = Path.Combine(_directory, "ca.crt");

        var error = Assert.Throws<CertificateException>(() => TlsIdentity.Load(options, TimeProvider.System));

        Assert.Equal(options.CertificateFile, error.FilePath);
        Assert.Contains("not issued by the federation CA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_ignores_common_name_without_party_uri()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=alice", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));

        Assert.Null(PartyIdentity.Find(certificate));
    }

    private static CertificateOptions Options(string directory, string name) => new()
    {
        CaFile = Path.Combine(directory, "ca.crt"),
        CertificateFile = Path.Combine(directory, name + ".crt"),
        KeyFile = Path.Combine(directory, name + ".key"),
    };

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
