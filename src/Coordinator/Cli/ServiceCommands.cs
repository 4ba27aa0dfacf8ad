using System.CommandLine;
using MpcNetwork.Node;
using MpcNetwork.Shared.Hosting;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Coordinator.Cli;

/// <summary>The verbs that run a service in the foreground: serve (the coordinator) and node.</summary>
internal static class ServiceCommands
{
    public static Command Serve()
    {
        var command = new Command("serve", "Run the coordinator service (the default when no verb is given). Settings come from appsettings.json, environment variables and --Key=Value arguments.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, _) => RunServiceAsync("coordinator", () => CoordinatorHost.Build([.. parse.UnmatchedTokens])));
        return command;
    }

    public static Command Node()
    {
        var command = new Command("node", "Run a node service from this executable (local federations use it; containers run the node image).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, _) => RunServiceAsync("node", () => NodeHost.Build([.. parse.UnmatchedTokens])));
        return command;
    }

    /// <summary>Builds and runs a service; a bad setting or certificate exits with code 2 and its message.</summary>
    public static async Task<int> RunServiceAsync(string name, Func<WebApplication> build)
    {
        WebApplication app;
        try
        {
            app = build();
        }
        catch (Exception error) when (error is ConfigurationException or CertificateException)
        {
            await Console.Error.WriteLineAsync($"{name}: {error.Message}");
            return 2;
        }

        await app.RunAsync();
        return 0;
    }
}
