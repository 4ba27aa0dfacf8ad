using System.Net.Security;
using System.Security.Authentication;
using Grpc.Core;
using Grpc.Net.Client;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Node.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Shared.Security;
using MpcNetwork.Tests.Support;

namespace MpcNetwork.Tests.Cluster;

public class SecurityClusterTests
{
    private static readonly (string, string)[] Parties = [("alice", "3800"), ("bob", "2514"), ("carlos", "2982")];

    private static readonly StatusCode[] HandshakeFailures = [StatusCode.Unavailable, StatusCode.Internal];

    [Fact]
    public async Task Caller_without_certificate_is_rejected()
    {
        await using var federation = await TestFederation.StartAsync(Parties);
        var caller = federation.Identity(PartyIdentity.Caller);
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                CertificateChainPolicy = caller.CreateChainPolicy(),
            },
        };
        using var channel = GrpcChannel.ForAddress(federation.CoordinatorEndpoint, new GrpcChannelOptions { HttpHandler = handler });

        var error = await Assert.ThrowsAsync<RpcException>(() => RunSumAsync(channel));

        // A failed TLS handshake reaches gRPC clients as Unavailable or Internal, depending on timing.
        Assert.Contains(error.StatusCode, HandshakeFailures);
        Assert.Equal(0, await federation.Store.CountAsync(CancellationToken.None).Within());
    }

    [Fact]
    public async Task Caller_from_another_ca_is_rejected()
    {
        await using var federation = await TestFederation.StartAsync(Parties);
        var foreign = Path.Combine(federation.Directory, "foreign");
        FederationCertificates.Create(foreign, ["alice"], TimeSpan.FromDays(1));
        var impostor = TlsIdentity.Load(new CertificateOptions
        {
            CaFile = Path.Combine(foreign, "ca.crt"),
            CertificateFile = Path.Combine(foreign, "caller.crt"),
            KeyFile = Path.Combine(foreign, "caller.key"),
        }, TimeProvider.System);

        // The impostor trusts the real federation's CA, so only the server side can refuse.
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                ClientCertificates = [impostor.Certificate],
                CertificateChainPolicy = federation.Identity(PartyIdentity.Caller).CreateChainPolicy(),
            },
        };
        using var channel = GrpcChannel.ForAddress(federation.CoordinatorEndpoint, new GrpcChannelOptions { HttpHandler = handler });

        var error = await Assert.ThrowsAsync<RpcException>(() => RunSumAsync(channel));

        // A failed TLS handshake reaches gRPC clients as Unavailable or Internal, depending on timing.
        Assert.Contains(error.StatusCode, HandshakeFailures);
    }

    [Fact]
    public async Task Party_certificate_claiming_another_party_is_rejected_by_peer()
    {
        await using var federation = await TestFederation.StartAsync(Parties);
        using var channel = MutualTls.CreateChannel(federation.Endpoints["carlos"], federation.Identity("alice"), "carlos");
        var client = new PeerExchange.PeerExchangeClient(channel);
        using var call = client.Exchange(deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: TestContext.Current.CancellationToken);

        await call.RequestStream.WriteAsync(new PeerFrame { SessionId = "any", Hello = new Hello { PartyId = "bob" } }, TestContext.Current.CancellationToken).Within();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).Within());

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("claims 'bob'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Party_certificate_cannot_send_session_plans()
    {
        await using var federation = await TestFederation.StartAsync(Parties);
        using var channel = MutualTls.CreateChannel(federation.Endpoints["bob"], federation.Identity("mallory"), "bob");
        var client = new NodeSessions.NodeSessionsClient(channel);
        using var call = client.RunSession(deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: TestContext.Current.CancellationToken);

        var plan = new SessionPlan { SessionId = "forged", Computation = Computation.Sum };
        await call.RequestStream.WriteAsync(new CoordinatorFrame { SessionId = "forged", Prepare = new Prepare { Plan = plan } }, TestContext.Current.CancellationToken).Within();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).Within());

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Endpoint_presenting_another_party_certificate_fails_session()
    {
        // The roster says bob is at carlos's endpoint: the TLS handshake finds carlos's certificate
        // where bob's is expected and the coordinator refuses to talk to it.
        await using var federation = await TestFederation.StartAsync(Parties, rosterSwaps: new Dictionary<string, string> { ["bob"] = "carlos" });

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(Computation.Sum));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("party 'bob'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("'prepare'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inputs_never_appear_in_logs_or_errors()
    {
        string[] inputs = ["7391846", "5820193", "6603927", "4417352"];
        await using var federation = await TestFederation.StartAsync([("alice", inputs[0]), ("bob", inputs[1]), ("carlos", inputs[2]), ("david", inputs[3])]);

        var sum = await federation.RunAsync(Computation.Sum);
        var rejected = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(Computation.Sum, format: new NumberFormat { Min = "0", Max = "5000000" }));

        Assert.Equal("24233318", sum.Result.Scalar.Value);
        Assert.NotEmpty(federation.Logs.Lines);
        foreach (var input in inputs)
        {
            Assert.DoesNotContain(federation.Logs.Lines, line => line.Contains(input, StringComparison.Ordinal));
            Assert.DoesNotContain(input, rejected.Status.Detail, StringComparison.Ordinal);
        }
    }

    private static async Task RunSumAsync(GrpcChannel channel)
    {
        var client = new Protos.Coordinator.V1.Coordinator.CoordinatorClient(channel);
        await client.RunSessionAsync(new RunSessionRequest { Computation = Computation.Sum }, DateTime.UtcNow.AddSeconds(30), CancellationToken.None).Within();
    }
}
