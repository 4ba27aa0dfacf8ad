using System.CommandLine;
using MpcNetwork.Coordinator.Cli;

namespace MpcNetwork.Coordinator;

public static class Program
{
    public static Task<int> Main(string[] args)
    {
        var serve = ServiceCommands.Serve();
        var root = new RootCommand("MpcNetwork: secure computation among parties that keep their inputs private. With no verb, runs the coordinator service.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Subcommands.Add(serve);
        root.Subcommands.Add(ServiceCommands.Node());
        root.Subcommands.Add(CertsCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(LocalCommands.Demo());
        root.Subcommands.Add(LocalCommands.Local());
        root.Subcommands.Add(LedgerCommand.Create());
        root.SetAction((parse, _) => ServiceCommands.RunServiceAsync("coordinator", () => CoordinatorHost.Build([.. parse.UnmatchedTokens])));

        return root.Parse(args).InvokeAsync();
    }
}
