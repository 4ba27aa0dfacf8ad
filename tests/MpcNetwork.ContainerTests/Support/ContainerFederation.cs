using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using DotNet.Testcontainers.Networks;
using Grpc.Core;
using Grpc.Net.Client;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.ContainerTests.Support;

/// <summary>
/// Node containers and a coordinator container on a private Docker network made for this
/// federation only, with certificates made at test time. Nodes reach each other by their party
/// id, which is their network alias. The test process reaches the coordinator and the health
/// services through ports published on 127.0.0.1. Disposal removes every container and the network.
/// </summary>
internal sealed partial class ContainerFederation : IAsyncDisposable
{
    public const int NodePort = 5001;
    public const int CoordinatorPort = 5000;

    /// <summary>
    /// The address that container ports are published on. Testcontainers' Hostname can name a
    /// network gateway instead (it does when the test process itself runs in a container), so
    /// the tests dial loopback directly.
    /// </summary>
    /// <remarks>NOTE: this assumes the engine runs on this machine; a remote DOCKER_HOST is not supported.</remarks>
    public const string PublishedHost = "127.0.0.1";

    /// <summary>Owner of the key files inside the containers: the images' non-root user app.</summary>
    private const uint AppUserId = 1654;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private readonly string _directory;
    private readonly TimeSpan _sessionTimeout;
    private readonly List<NodeSpec> _roster;
    private readonly Dictionary<string, IContainer> _nodes = new(StringComparer.Ordinal);
    private readonly TlsIdentity _caller;
    private INetwork? _network;
    private IContainer? _coordinator;
    private GrpcChannel? _callerChannel;
    private int _containerCount;

    private ContainerFederation(IReadOnlyList<NodeSpec> roster, TimeSpan sessionTimeout)
    {
        _roster = [.. roster];
        _sessionTimeout = sessionTimeout;
        _directory = Directory.CreateTempSubdirectory("mpcnetwork-containers-").FullName;

        var identities = roster.SelectMany(node => new[] { node.PartyId, node.Certificate }).Distinct(StringComparer.Ordinal);
        FederationCertificates.Create(_directory, identities, TimeSpan.FromDays(1));
        _caller = Identity(PartyIdentity.Caller);
    }

    /// <summary>The coordinator's default session deadline, set through Coordinator:SessionTimeout.</summary>
    public TimeSpan SessionTimeout => _sessionTimeout;

    public string NetworkName => _network!.Name;

    /// <summary>
    /// Starts a node container per entry of <paramref name="roster"/> (in parallel) and then the
    /// coordinator with that roster, each waited for through its gRPC health service. Skips the
    /// calling test when no Docker engine responds (outside CI).
    /// </summary>
    public static async Task<ContainerFederation> StartAsync(IReadOnlyList<NodeSpec> roster, TimeSpan? sessionTimeout = null)
    {
        await DockerEngine.RequireAsync();
        await ServiceImages.RequireAsync();

        var federation = new ContainerFederation(roster, sessionTimeout ?? TimeSpan.FromSeconds(20));
        try
        {
            federation._network = new NetworkBuilder().WithName($"mpcnetwork-test-{federation._runId}").Build();
            await federation._network.CreateAsync();

            await Task.WhenAll(roster.Select(federation.StartNodeAsync));
            await federation.StartCoordinatorAsync();
            return federation;
        }
        catch
        {
            await federation.DisposeAsync();
            throw;
        }
    }

    public IContainer Node(string partyId) => _nodes[partyId];

    /// <summary>Asks the coordinator, as the caller, to run a session; a failed session throws <see cref="RpcException"/>.</summary>
    public async Task<SessionOutcome> RunAsync(Computation computation, IEnumerable<string>? parties = null, TimeSpan? timeout = null)
    {
        var request = new RunSessionRequest
        {
            Computation = computation,
            TimeoutMs = (int)(timeout ?? TimeSpan.Zero).TotalMilliseconds,
        };
        request.Parties.AddRange(parties ?? []);

        // The call outlives the session deadline, so that the coordinator's own error arrives.
        var callDeadline = DateTime.UtcNow.Add((timeout ?? _sessionTimeout) + TimeSpan.FromSeconds(30));
        var (sessionId, result) = await CoordinatorClient().RunSessionAsync(request, callDeadline, CancellationToken.None);
        return new SessionOutcome(sessionId, result);
    }

    /// <summary>Reads the coordinator's record of a published result; throws <see cref="RpcException"/> NotFound when there is none.</summary>
    public async Task<SessionResult> GetResultAsync(string sessionId)
    {
        return await CoordinatorClient().GetResultAsync(sessionId, DateTime.UtcNow.AddSeconds(15), CancellationToken.None);
    }

    /// <summary>Returns the session id in a coordinator error ("Session ID failed at step ...").</summary>
    public static string FailedSessionId(RpcException error)
    {
        var match = FailedSessionPattern().Match(error.Status.Detail);
        Assert.True(match.Success, $"The error names no session id: {error.Status.Detail}");
        return match.Groups["id"].Value;
    }

    /// <summary>Sends SIGKILL to a node's container.</summary>
    public Task KillNodeAsync(string partyId) => DockerEngine.KillAsync(_nodes[partyId].Id);

    /// <summary>Takes a node's container off the federation network; the container keeps running.</summary>
    public Task DisconnectNodeAsync(string partyId) => DockerEngine.DisconnectAsync(NetworkName, _nodes[partyId].Id);

    /// <summary>
    /// Replaces a party's node with a fresh container from <paramref name="spec"/> under the same
    /// network alias: the old container is stopped and removed first.
    /// </summary>
    public async Task ReplaceNodeAsync(NodeSpec spec)
    {
        if (_nodes.Remove(spec.PartyId, out var old))
        {
            await old.DisposeAsync();
        }

        await StartNodeAsync(spec);
    }

    /// <summary>Stops the coordinator container (SIGTERM) and starts the same container again, keeping its /data.</summary>
    public async Task RestartCoordinatorAsync()
    {
        _callerChannel?.Dispose();
        _callerChannel = null;

        await _coordinator!.StopAsync();
        await _coordinator.StartAsync();
    }

    /// <summary>Polls a node's log until it contains <paramref name="text"/>; fails with the log's end after <paramref name="timeout"/>.</summary>
    public async Task WaitForNodeLogAsync(string partyId, string text, TimeSpan timeout)
    {
        var container = _nodes[partyId];
        var until = DateTime.UtcNow + timeout;
        var log = "";
        while (DateTime.UtcNow < until)
        {
            var (stdout, stderr) = await container.GetLogsAsync();
            log = stdout + stderr;
            if (log.Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"Node {partyId} did not log '{text}' within {timeout.TotalSeconds:0} s. Its log ends with:\n{Tail(log, 20)}");
    }

    public async ValueTask DisposeAsync()
    {
        _callerChannel?.Dispose();

        var containers = _nodes.Values.Append(_coordinator).OfType<IContainer>().ToList();
        await Task.WhenAll(containers.Select(container => container.DisposeAsync().AsTask()));
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task StartNodeAsync(NodeSpec spec)
    {
        var builder = WithFederationDefaults(new ContainerBuilder(ServiceImages.Node), spec.PartyId, spec.Certificate, "node", NodePort)
            .WithEnvironment("Node__Input", spec.Input);
        foreach (var (key, value) in spec.Settings ?? new Dictionary<string, string>())
        {
            builder = builder.WithEnvironment(key, value);
        }

        var container = builder.Build();
        lock (_nodes)
        {
            _nodes[spec.PartyId] = container;
        }

        await container.StartAsync();
    }

    private async Task StartCoordinatorAsync()
    {
        var builder = WithFederationDefaults(new ContainerBuilder(ServiceImages.Coordinator), PartyIdentity.Coordinator, PartyIdentity.Coordinator, "coordinator", CoordinatorPort)
            .WithEnvironment("Coordinator__SessionTimeout", _sessionTimeout.ToString("c"));
        for (var i = 0; i < _roster.Count; i++)
        {
            builder = builder
                .WithEnvironment($"Coordinator__Roster__{i}__PartyId", _roster[i].PartyId)
                .WithEnvironment($"Coordinator__Roster__{i}__Endpoint", $"https://{_roster[i].PartyId}:{NodePort}");
        }

        _coordinator = builder.Build();
        await _coordinator.StartAsync();
    }

    /// <summary>
    /// Adds what every service container gets: the network and alias, the CA and the
    /// certificate <paramref name="certificate"/> as /certs/<paramref name="fileName"/>.crt and
    /// .key (mode 0600, owned by the app user, as the certs command writes them), the port on
    /// 127.0.0.1 and the health wait.
    /// </summary>
    private ContainerBuilder WithFederationDefaults(ContainerBuilder builder, string alias, string certificate, string fileName, int port)
    {
        var name = $"mpcnetwork-test-{_runId}-{alias}-{Interlocked.Increment(ref _containerCount)}";
        var readable = UnixFileModes.UserRead | UnixFileModes.UserWrite | UnixFileModes.GroupRead | UnixFileModes.OtherRead;
        var secret = UnixFileModes.UserRead | UnixFileModes.UserWrite;

        return builder
            .WithImagePullPolicy(PullPolicy.Never)
            .WithName(name)
            .WithNetwork(_network)
            .WithNetworkAliases(alias)
            .WithResourceMapping(File.ReadAllBytes(Path.Combine(_directory, "ca.crt")), FilePath.Of("/certs/ca.crt"), AppUserId, AppUserId, readable)
            .WithResourceMapping(File.ReadAllBytes(Path.Combine(_directory, certificate + ".crt")), FilePath.Of($"/certs/{fileName}.crt"), AppUserId, AppUserId, readable)
            .WithResourceMapping(File.ReadAllBytes(Path.Combine(_directory, certificate + ".key")), FilePath.Of($"/certs/{fileName}.key"), AppUserId, AppUserId, secret)
            .WithCreateParameterModifier(parameters => PublishOnLoopback(parameters, port))
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(
                new GrpcHealthIsServing(_caller, certificate, port),
                strategy => strategy.WithTimeout(StartTimeout)));
    }

    /// <summary>Publishes the container port on a free port of 127.0.0.1 only, never on every interface.</summary>
    private static void PublishOnLoopback(CreateContainerParameters parameters, int port)
    {
        var key = $"{port}/tcp";
        parameters.ExposedPorts ??= new Dictionary<string, EmptyStruct>();
        parameters.ExposedPorts[key] = default;
        parameters.HostConfig ??= new HostConfig();
        parameters.HostConfig.PortBindings ??= new Dictionary<string, IList<PortBinding>>();
        parameters.HostConfig.PortBindings[key] = [new PortBinding { HostIP = "127.0.0.1", HostPort = "" }];
    }

    private Protos.Coordinator.V1.Coordinator.CoordinatorClient CoordinatorClient()
    {
        _callerChannel ??= MutualTls.CreateChannel(
            $"https://{PublishedHost}:{_coordinator!.GetMappedPublicPort(CoordinatorPort)}", _caller, PartyIdentity.Coordinator);
        return new Protos.Coordinator.V1.Coordinator.CoordinatorClient(_callerChannel);
    }

    private TlsIdentity Identity(string name) => TlsIdentity.Load(new CertificateOptions
    {
        CaFile = Path.Combine(_directory, "ca.crt"),
        CertificateFile = Path.Combine(_directory, name + ".crt"),
        KeyFile = Path.Combine(_directory, name + ".key"),
    }, TimeProvider.System);

    private static string Tail(string log, int lines) =>
        string.Join('\n', log.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines));

    [GeneratedRegex("Session (?<id>[0-9a-zA-Z_-]+) failed at step")]
    private static partial Regex FailedSessionPattern();
}

/// <summary>A session's id and the result published to the caller, if the caller is a recipient.</summary>
internal sealed record SessionOutcome(string SessionId, SessionResult? Published)
{
    /// <summary>The published result; throws when the caller received none.</summary>
    public SessionResult Result => Published ?? throw new InvalidOperationException($"Session {SessionId} published no result to the caller.");
}
