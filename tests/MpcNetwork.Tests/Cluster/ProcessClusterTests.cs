using System.Text.Json;
using Grpc.Core;
using MpcNetwork.Coordinator.Cli;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Tests.Support;

namespace MpcNetwork.Tests.Cluster;

/// <summary>Federations of real child processes, started the way the demo and local commands start them.</summary>
public class ProcessClusterTests
{
    [Fact]
    public async Task Node_process_killed_mid_session_is_named()
    {
        var parties = LocalCommands.DemoParties
            .Select(party => party.PartyId == "carlos"
                ? party with { Settings = new Dictionary<string, string> { ["Node__Testing__PauseBeforeStep"] = "partial" } }
                : party)
            .ToList();
        await using var federation = await LocalFederation.StartAsync(parties, TestContext.Current.CancellationToken).Within();
        var carlos = federation.Processes.Single(process => process.Name == "carlos");
        var paused = carlos.WaitForOutputAsync("pausing before step partial");

        var session = federation.RunAsync(new RunSessionRequest { Computation = Computation.Sum }, TestContext.Current.CancellationToken);
        await paused.Within();
        carlos.Kill();
        var error = await Assert.ThrowsAsync<RpcException>(() => session.Within());

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("step 'partials' because of party 'carlos'", error.Status.Detail, StringComparison.Ordinal);

        var request = new RunSessionRequest { Computation = Computation.Average };
        request.Parties.AddRange(["alice", "bob", "david"]);
        var next = await federation.RunAsync(request, TestContext.Current.CancellationToken).Within();
        Assert.Equal("3234.666667", next.Scalar.Value);
    }

    [Fact]
    public async Task Local_command_prints_json_result()
    {
        using var temp = new TempDirectory("mpcnetwork-local-test-");
        var directory = temp.Path;

        var inputs = Path.Combine(directory, "inputs.json");
        await File.WriteAllTextAsync(inputs, """{"parties":[{"id":"ana","input":-1.25},{"id":"ben","input":"7.5"},{"id":"cleo","input":10}]}""", TestContext.Current.CancellationToken);

        var outcome = await CoordinatorExecutable.RunAsync(["local", "--inputs", inputs, "--computation", "sum", "--json"]);

        Assert.True(outcome.ExitCode == 0, outcome.Error);
        using var json = JsonDocument.Parse(outcome.Output);
        Assert.Equal("sum", json.RootElement.GetProperty("computation").GetString());
        Assert.Equal(16.25m, json.RootElement.GetProperty("result").GetDecimal());
        Assert.Equal(["ana", "ben", "cleo"], json.RootElement.GetProperty("parties").EnumerateArray().Select(party => party.GetString()));
    }

    [Fact]
    public async Task Local_command_rejects_input_naming_value_and_limit()
    {
        using var temp = new TempDirectory("mpcnetwork-local-test-");
        var directory = temp.Path;

        var inputs = Path.Combine(directory, "inputs.json");
        await File.WriteAllTextAsync(inputs, """{"parties":[{"id":"ana","input":5},{"id":"ben","input":250}]}""", TestContext.Current.CancellationToken);

        var outcome = await CoordinatorExecutable.RunAsync(["local", "--inputs", inputs, "--computation", "sum", "--max", "100"]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("party 'ben' (250) is above the maximum 100", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_with_missing_certificate_stops_naming_file()
    {
        var outcome = await CoordinatorExecutable.RunAsync(["node"], new Dictionary<string, string>
        {
            ["Certificates__CaFile"] = "/nonexistent/ca.crt",
            ["Urls"] = "https://127.0.0.1:0",
        });

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("'/nonexistent/ca.crt' is missing", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coordinator_with_invalid_setting_stops_naming_it()
    {
        var outcome = await CoordinatorExecutable.RunAsync(["serve"], new Dictionary<string, string>
        {
            ["Coordinator__SessionTimeout"] = "soon",
            ["Urls"] = "https://127.0.0.1:0",
        });

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("SessionTimeout", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certs_command_writes_federation()
    {
        using var temp = new TempDirectory("mpcnetwork-certs-test-");
        var directory = temp.Path;

        var outcome = await CoordinatorExecutable.RunAsync(["certs", "--out", directory, "--parties", "alice,bob"]);

        Assert.True(outcome.ExitCode == 0, outcome.Error);
        foreach (var name in new[] { "ca", "alice", "bob", "coordinator", "caller" })
        {
            Assert.True(File.Exists(Path.Combine(directory, name + ".crt")), $"{name}.crt is missing");
            Assert.True(File.Exists(Path.Combine(directory, name + ".key")), $"{name}.key is missing");
        }
    }

    [Fact]
    public async Task Unknown_option_is_rejected()
    {
        var outcome = await CoordinatorExecutable.RunAsync(["local", "--inputs", "none.json", "--computation", "sum", "--epslion", "1"]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("unknown option or argument '--epslion'", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Private_sum_without_bounds_is_rejected()
    {
        using var temp = new TempDirectory("mpcnetwork-local-test-");
        var directory = temp.Path;

        var inputs = Path.Combine(directory, "inputs.json");
        await File.WriteAllTextAsync(inputs, """{"parties":[{"id":"ana","input":5},{"id":"ben","input":6},{"id":"cleo","input":7}]}""", TestContext.Current.CancellationToken);

        var outcome = await CoordinatorExecutable.RunAsync(["local", "--inputs", inputs, "--computation", "sum", "--epsilon", "1"]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("needs --bounds A,B", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certs_command_keeps_existing_federation()
    {
        using var temp = new TempDirectory("mpcnetwork-certs-test-");
        var directory = temp.Path;

        await CoordinatorExecutable.RunAsync(["certs", "--out", directory, "--parties", "alice"]);
        var before = await File.ReadAllTextAsync(Path.Combine(directory, "ca.crt"), TestContext.Current.CancellationToken);

        var again = await CoordinatorExecutable.RunAsync(["certs", "--out", directory, "--parties", "bob"]);
        var after = await File.ReadAllTextAsync(Path.Combine(directory, "ca.crt"), TestContext.Current.CancellationToken);

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("pass --force", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, after);
    }
}
