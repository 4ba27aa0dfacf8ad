using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace MpcNetwork.Shared.Security;

/// <summary>
/// TLS 1.3 with client certificates on both ends of every connection, trusting the federation CA
/// only: never the operating system's store, never an accept-all callback.
/// </summary>
public static class MutualTls
{
    /// <summary>Largest gRPC message either end accepts; vectors travel in smaller chunks.</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>Configures every Kestrel endpoint for HTTP/2 over TLS 1.3 with a required federation client certificate.</summary>
    public static void ConfigureServer(KestrelServerOptions kestrel, TlsIdentity identity)
    {
        kestrel.AddServerHeader = false;
        kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2);
        kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = identity.Certificate;
            https.SslProtocols = SslProtocols.Tls13;
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.CheckCertificateRevocation = false;

            // The chain is validated against the federation CA alone; a certificate that chains
            // elsewhere, or names no party, fails the TLS handshake.
            https.OnAuthenticate = (_, ssl) => ssl.CertificateChainPolicy = identity.CreateChainPolicy();
            https.ClientCertificateValidation = (certificate, _, errors) =>
                errors == SslPolicyErrors.None && PartyIdentity.Find(certificate) is not null;
        });
    }

    /// <summary>
    /// Creates a handler that presents <paramref name="identity"/>'s certificate and accepts only a
    /// server certificate from the federation CA that names <paramref name="expectedServerParty"/>.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(TlsIdentity identity, string expectedServerParty)
    {
        return new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),

            // Ping idle pooled connections too, so a connection to a node that vanished (for
            // example cut off the network) is found dead before the next session uses it.
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                ClientCertificates = [identity.Certificate],
                CertificateChainPolicy = identity.CreateChainPolicy(),
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None
                    && certificate is X509Certificate2 server
                    && PartyIdentity.Find(server) == expectedServerParty,
            },
        };
    }

    /// <summary>Creates a channel to <paramref name="endpoint"/>, which must present <paramref name="expectedServerParty"/>'s certificate.</summary>
    public static GrpcChannel CreateChannel(string endpoint, TlsIdentity identity, string expectedServerParty) =>
        GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
        {
            HttpHandler = CreateHandler(identity, expectedServerParty),
            MaxReceiveMessageSize = MaxMessageBytes,
            DisposeHttpClient = true,

            // Federation members are few and near: after a peer restarts, reconnect within a
            // second instead of gRPC's default backoff of up to two minutes, during which every
            // call to that peer fails at once.
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(100),
            MaxReconnectBackoff = TimeSpan.FromSeconds(1),
        });

    /// <summary>Returns the party id of the certificate that authenticated this call.</summary>
    /// <exception cref="RpcException">Unauthenticated, when the connection has no usable client certificate.</exception>
    public static string GetCallerPartyId(ServerCallContext context)
    {
        var certificate = context.GetHttpContext().Connection.ClientCertificate;
        return (certificate is null ? null : PartyIdentity.Find(certificate))
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "The call carries no federation client certificate."));
    }
}
