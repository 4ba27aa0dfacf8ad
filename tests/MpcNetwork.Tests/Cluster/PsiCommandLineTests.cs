using System.Text.Json;
using MpcNetwork.Tests.Support;

namespace MpcNetwork.Tests.Cluster;

/// <summary>The <c>local</c> and <c>run</c> verbs with <c>--computation psi</c>, run as real child processes.</summary>
public sealed class PsiCommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mpcnetwork-psi-local-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Local_prints_received_items()
    {
        var inputs = await WriteInputsAsync(["Ann@Example.com", "", "bob@example.com", "carl@example.com"], ["ann@example.com", "BOB@example.com", "zed@example.com"]);

        var outcome = await CoordinatorExecutable.RunAsync(["local", "--inputs", inputs, "--computation", "psi", "--profile", "email", "--json"]);

        Assert.True(outcome.ExitCode == 0, outcome.Error);
        using var json = JsonDocument.Parse(outcome.Output);
        var result = json.RootElement.GetProperty("result");
        Assert.Equal("psi", json.RootElement.GetProperty("computation").GetString());
        Assert.Equal(2, result.GetProperty("count").GetInt64());
        Assert.Equal(["ann@example.com", "bob@example.com"], result.GetProperty("items").EnumerateArray().Select(item => item.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Local_cardinality_prints_count()
    {
        var inputs = await WriteInputsAsync(["a", "b", "c"], ["b", "c", "d"]);

        var outcome = await CoordinatorExecutable.RunAsync(["local", "--inputs", inputs, "--computation", "psi", "--cardinality", "--max-items", "5"]);

        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("psi = 2 common items", outcome.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Items received", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_prints_count_from_coordinator()
    {
        await File.WriteAllLinesAsync(Path.Combine(_directory, "first.txt"), ["a", "b", "c"], TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(_directory, "second.txt"), ["c", "b", "x", "y"], TestContext.Current.CancellationToken);
        await using var federation = await TestFederation.StartAsync([("ana", "@" + Path.Combine(_directory, "first.txt")), ("ben", "@" + Path.Combine(_directory, "second.txt"))]);

        var outcome = await CoordinatorExecutable.RunAsync(
            ["run", "--coordinator", federation.CoordinatorEndpoint, "--certs", federation.CertificateDirectory, "--computation", "psi", "--max-items", "3,ben=4", "--json"]);
        var missingBound = await CoordinatorExecutable.RunAsync(
            ["run", "--coordinator", federation.CoordinatorEndpoint, "--certs", federation.CertificateDirectory, "--computation", "psi", "--max-items", "ben=4"]);

        Assert.True(outcome.ExitCode == 0, outcome.Error);
        using var json = JsonDocument.Parse(outcome.Output);
        Assert.Equal(2, json.RootElement.GetProperty("result").GetProperty("count").GetInt64());
        Assert.False(json.RootElement.GetProperty("result").TryGetProperty("items", out _));
        Assert.Equal(1, missingBound.ExitCode);
        Assert.Contains("Party 'ana' has no PSI bound", missingBound.Error, StringComparison.Ordinal);
    }

    private async Task<string> WriteInputsAsync(string[] first, string[] second)
    {
        await File.WriteAllLinesAsync(Path.Combine(_directory, "first.txt"), first, TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(_directory, "second.txt"), second, TestContext.Current.CancellationToken);
        var inputs = Path.Combine(_directory, "inputs.json");
        await File.WriteAllTextAsync(inputs, """{"parties":[{"id":"ana","input":"@first.txt"},{"id":"ben","input":"@second.txt"}]}""", TestContext.Current.CancellationToken);
        return inputs;
    }
}
