using Grpc.Net.Client;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Coordinator.Cli;

/// <summary>
/// A party of a local federation, its private input (the text of Node:Input) and any further
/// node settings as environment variables.
/// </summary>
internal sealed record PartyInput(string PartyId, string Input, IReadOnlyDictionary<string, string>? Settings = null);

/// <summary>
/// A federation on 127.0.0.1 made of real processes: one node per party and a coordinator, with
/// fresh certificates in a temporary folder that is deleted on disposal.
/// </summary>
internal sealed class LocalFederation : IAsyncDisposable
{
    private readonly string _directory;
    private readonly List<ServiceProcess> _processes = [];
    private GrpcChannel? _channel;

    private LocalFederation(string directory)
    {
        _directory = directory;
    }

    public string Directory => _directory;

    public IReadOnlyList<ServiceProcess> Processes => _processes;

    /// <summary>
    /// Starts the nodes (in parallel) and then the coordinator with the nodes' addresses as its
    /// roster; <paramref name="coordinatorSettings"/> adds environment settings for the coordinator.
    /// </summary>
    public static async Task<LocalFederation> StartAsync(IReadOnlyList<PartyInput> parties, CancellationToken cancellation, IReadOnlyDictionary<string, string>? coordinatorSettings = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("mpcnetwork-local-").FullName;
        var federation = new LocalFederation(directory);
        try
        {
            var certificates = Path.Combine(directory, "certs");
            FederationCertificates.Create(certificates, parties.Select(party => party.PartyId), TimeSpan.FromDays(1));

            var nodes = await Task.WhenAll(parties.Select(party => ServiceProcess.StartAsync(
                party.PartyId, "node", directory, new Dictionary<string, string>(Certificates(certificates, party.PartyId))
                {
                    ["Urls"] = "https://127.0.0.1:0",
                    ["Node__Input"] = party.Input,
                    ["Node__Privacy__LedgerPath"] = Path.Combine(directory, party.PartyId + "-privacy-ledger.db"),
                    ["Node__ResultsDirectory"] = Path.Combine(directory, "results", party.PartyId),
                }.Concat(party.Settings ?? new Dictionary<string, string>()).ToDictionary(), cancellation)));
            federation._processes.AddRange(nodes.Select(node => node.Process));

            var settings = new Dictionary<string, string>(Certificates(certificates, PartyIdentity.Coordinator))
            {
                ["Urls"] = "https://127.0.0.1:0",
                ["Coordinator__DatabasePath"] = Path.Combine(directory, "coordinator.db"),
            };
            foreach (var (key, value) in coordinatorSettings ?? new Dictionary<string, string>())
            {
                settings[key] = value;
            }

            for (var i = 0; i < parties.Count; i++)
            {
                settings[$"Coordinator__Roster__{i}__PartyId"] = parties[i].PartyId;
                settings[$"Coordinator__Roster__{i}__Endpoint"] = nodes[i].Address;
            }

            var (coordinator, address) = await ServiceProcess.StartAsync(PartyIdentity.Coordinator, "serve", directory, settings, cancellation);
            federation._processes.Add(coordinator);

            var caller = TlsIdentity.Load(new CertificateOptions
            {
                CaFile = Path.Combine(certificates, "ca.crt"),
                CertificateFile = Path.Combine(certificates, PartyIdentity.Caller + ".crt"),
                KeyFile = Path.Combine(certificates, PartyIdentity.Caller + ".key"),
            }, TimeProvider.System);
            federation._channel = MutualTls.CreateChannel(address, caller, PartyIdentity.Coordinator);
            return federation;
        }
        catch
        {
            await federation.DisposeAsync();
            throw;
        }
    }

    /// <summary>Asks the coordinator to run a session and returns the result published to the caller.</summary>
    public async Task<SessionResult> RunAsync(RunSessionRequest request, CancellationToken cancellation)
    {
        var client = new Protos.Coordinator.V1.Coordinator.CoordinatorClient(_channel);
        var (sessionId, result) = await client.RunSessionAsync(request, DateTime.UtcNow.AddMinutes(10), cancellation);
        return result ?? throw new InvalidOperationException($"Session {sessionId} published no result to the caller.");
    }

    /// <summary>
    /// Adds the items that the first recipient node wrote to its results file to a PSI result,
    /// and returns that node's party id, or null when no node received items. The coordinator
    /// never has the items, so they are read from the node's Node:ResultsDirectory.
    /// </summary>
    public async Task<string?> AddPsiItemsAsync(SessionResult result, CancellationToken cancellation)
    {
        var receiver = result.Recipients.FirstOrDefault(result.Parties.Contains);
        if (receiver is null || result.Psi.Cardinality)
        {
            return null;
        }

        // The node writes the file just after it receives the published count; allow it up to 10 s.
        var path = Path.Combine(_directory, "results", receiver, result.SessionId + ".txt");
        for (var attempt = 0; attempt < 100 && !File.Exists(path); attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation);
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Node '{receiver}' wrote no results file for session {result.SessionId}; see its log.");
        }

        result.Psi.Items.AddRange(await File.ReadAllLinesAsync(path, cancellation));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        await Task.WhenAll(_processes.Select(process => process.DisposeAsync().AsTask()));
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a process that was killed; the folder is in the temp directory.
        }
    }

    private static Dictionary<string, string> Certificates(string directory, string id) => new()
    {
        ["Certificates__CaFile"] = Path.Combine(directory, "ca.crt"),
        ["Certificates__CertificateFile"] = Path.Combine(directory, id + ".crt"),
        ["Certificates__KeyFile"] = Path.Combine(directory, id + ".key"),
    };
}
