using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MpcNetwork.Coordinator;
using MpcNetwork.Coordinator.Storage;
using MpcNetwork.Node;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Shared.Security;
using Serilog.Core;

namespace MpcNetwork.Tests.Support;

/// <summary>
/// Nodes and a coordinator hosted in the test process, each on its own 127.0.0.1 port chosen by
/// the OS, talking real gRPC over real mTLS with certificates made for this federation only.
/// </summary>
internal sealed class TestFederation : IAsyncDisposable
{
    private readonly Dictionary<string, WebApplication> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _endpoints = new(StringComparer.Ordinal);
    private GrpcChannel? _callerChannel;

    private TestFederation(string directory)
    {
        Directory = directory;
        CertificateDirectory = Path.Combine(directory, "certs");
    }

    public string Directory { get; }

    public string CertificateDirectory { get; }

    /// <summary>Every log event of every service of this federation.</summary>
    public LogCapture Logs { get; } = new();

    public WebApplication? CoordinatorApp { get; private set; }

    public IReadOnlyDictionary<string, string> Endpoints => _endpoints;

    public WebApplication Node(string partyId) => _nodes[partyId];

    public ResultStore Store => CoordinatorApp!.Services.GetRequiredService<ResultStore>();

    /// <summary>
    /// Starts one node per party and a coordinator whose roster lists them in the given order.
    /// <paramref name="nodeSettings"/> adds settings for a party's node; <paramref name="rosterSwaps"/>
    /// gives a party another party's endpoint in the coordinator's roster.
    /// </summary>
    public static async Task<TestFederation> StartAsync(
        IReadOnlyList<(string PartyId, string Input)> parties,
        Func<string, IDictionary<string, string?>>? nodeSettings = null,
        TimeSpan? sessionTimeout = null,
        IReadOnlyDictionary<string, string>? rosterSwaps = null,
        Action<string, IServiceCollection>? nodeServices = null,
        Action<IServiceCollection>? coordinatorServices = null)
    {
        var federation = new TestFederation(System.IO.Directory.CreateTempSubdirectory("mpcnetwork-test-").FullName);
        try
        {
            FederationCertificates.Create(federation.CertificateDirectory, parties.Select(party => party.PartyId).Concat(["mallory"]), TimeSpan.FromDays(1));

            foreach (var (partyId, input) in parties)
            {
                var settings = federation.CertificateSettings(partyId);
                settings["Node:Input"] = input;
                settings["Node:Privacy:LedgerPath"] = Path.Combine(federation.Directory, partyId + "-privacy-ledger.db");
                foreach (var (key, value) in nodeSettings?.Invoke(partyId) ?? new Dictionary<string, string?>())
                {
                    settings[key] = value;
                }

                var node = NodeHost.Build([], builder =>
                {
                    federation.Configure(builder, settings);
                    nodeServices?.Invoke(partyId, builder.Services);
                });
                await node.StartAsync().Within();
                federation._nodes[partyId] = node;
                federation._endpoints[partyId] = BoundAddress(node);
            }

            var coordinatorSettings = federation.CertificateSettings(PartyIdentity.Coordinator);
            coordinatorSettings["Coordinator:DatabasePath"] = Path.Combine(federation.Directory, "coordinator.db");
            coordinatorSettings["Coordinator:SessionTimeout"] = (sessionTimeout ?? TimeSpan.FromSeconds(20)).ToString("c");
            for (var i = 0; i < parties.Count; i++)
            {
                var partyId = parties[i].PartyId;
                coordinatorSettings[$"Coordinator:Roster:{i}:PartyId"] = partyId;
                coordinatorSettings[$"Coordinator:Roster:{i}:Endpoint"] = federation._endpoints[rosterSwaps?.GetValueOrDefault(partyId) ?? partyId];
            }

            await federation.StartCoordinatorAsync(coordinatorSettings, coordinatorServices);
            return federation;
        }
        catch
        {
            await federation.DisposeAsync();
            throw;
        }
    }

    /// <summary>Loads a certificate identity made for this federation (a party, coordinator, caller or mallory).</summary>
    public TlsIdentity Identity(string name) => TlsIdentity.Load(new CertificateOptions
    {
        CaFile = Path.Combine(CertificateDirectory, "ca.crt"),
        CertificateFile = Path.Combine(CertificateDirectory, name + ".crt"),
        KeyFile = Path.Combine(CertificateDirectory, name + ".key"),
    }, TimeProvider.System);

    public Protos.Coordinator.V1.Coordinator.CoordinatorClient CoordinatorClient()
    {
        _callerChannel ??= MutualTls.CreateChannel(BoundAddress(CoordinatorApp!), Identity(PartyIdentity.Caller), PartyIdentity.Coordinator);
        return new Protos.Coordinator.V1.Coordinator.CoordinatorClient(_callerChannel);
    }

    public string CoordinatorEndpoint => BoundAddress(CoordinatorApp!);

    /// <summary>Runs a session as the caller and returns its id and result (null when the caller is no recipient).</summary>
    public async Task<SessionOutcome> RunAsync(Computation computation, IEnumerable<string>? parties = null, NumberFormat? format = null, IEnumerable<string>? recipients = null, int timeoutMs = 0)
    {
        var request = new RunSessionRequest { Computation = computation, NumberFormat = format, TimeoutMs = timeoutMs };
        request.Parties.AddRange(parties ?? []);
        request.Recipients.AddRange(recipients ?? []);
        return await RunAsync(request);
    }

    public async Task<SessionOutcome> RunAsync(RunSessionRequest request)
    {
        var (sessionId, result) = await CoordinatorClient().RunSessionAsync(request, DateTime.UtcNow.AddSeconds(90), CancellationToken.None).Within();
        return new SessionOutcome(sessionId, result);
    }

    public Task<SessionOutcome> AuctionAsync(int digitBits = 1, bool revealWinner = false, bool secondPrice = false, int bitLength = 0, NumberFormat? format = null) =>
        RunAsync(new RunSessionRequest
        {
            Computation = Computation.Auction,
            NumberFormat = format,
            Auction = new AuctionParameters { DigitBits = digitBits, RevealWinner = revealWinner, SecondPrice = secondPrice, BitLength = bitLength },
        });

    public Task<SessionOutcome> VoteAsync(BallotKind kind, params string[] options)
    {
        var request = new RunSessionRequest { Computation = Computation.Vote, Vote = new VoteParameters { Kind = kind } };
        request.Vote.Options.AddRange(options);
        return RunAsync(request);
    }

    /// <summary>Stops a node at once: open connections are aborted, as when its process dies.</summary>
    public async Task KillNodeAsync(string partyId)
    {
        var node = _nodes[partyId];
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        await node.StopAsync(now.Token).Within();
        await node.DisposeAsync().AsTask().Within();
        _nodes.Remove(partyId);
    }

    public async ValueTask DisposeAsync()
    {
        _callerChannel?.Dispose();
        foreach (var app in _nodes.Values.Append(CoordinatorApp).OfType<WebApplication>())
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(quick.Token);
            await app.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the folder is in the temp directory.
        }
    }

    private async Task StartCoordinatorAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        CoordinatorApp = CoordinatorHost.Build([], builder =>
        {
            Configure(builder, settings);
            services?.Invoke(builder.Services);
        });
        await CoordinatorApp.StartAsync().Within();
    }

    private void Configure(WebApplicationBuilder builder, Dictionary<string, string?> settings)
    {
        settings["Urls"] = "https://127.0.0.1:0";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<ILogEventSink>(Logs);
    }

    private Dictionary<string, string?> CertificateSettings(string name) => new()
    {
        ["Certificates:CaFile"] = Path.Combine(CertificateDirectory, "ca.crt"),
        ["Certificates:CertificateFile"] = Path.Combine(CertificateDirectory, name + ".crt"),
        ["Certificates:KeyFile"] = Path.Combine(CertificateDirectory, name + ".key"),
    };

    private static string BoundAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
}

/// <summary>A session's id and the result published to the caller, if the caller is a recipient.</summary>
internal sealed record SessionOutcome(string SessionId, SessionResult? Published)
{
    /// <summary>The published result; throws when the caller received none.</summary>
    public SessionResult Result => Published ?? throw new InvalidOperationException($"Session {SessionId} published no result to the caller.");
}
