using System.CommandLine;
using MpcNetwork.Node;
using MpcNetwork.Node.Privacy;
using MpcNetwork.Shared.Hosting;

namespace MpcNetwork.Coordinator.Cli;

/// <summary>The <c>ledger</c> verb: shows a node's privacy budget per input and every spend.</summary>
internal static class LedgerCommand
{
    public static Command Create()
    {
        var input = new Option<string?>("--input") { Description = "Show only this input's spends (default: every input)." };
        var command = new Command("ledger", "Show a node's privacy ledger: the budget left per input and every spend. Reads the node's settings (appsettings.json, environment, --Key=Value) to find the ledger file and budgets.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(input);
        command.SetAction(parse =>
        {
            NodeOptions node;
            try
            {
                var configuration = new ConfigurationBuilder()
                    .AddJsonFile(Path.GetFullPath("appsettings.json"), optional: true)
                    .AddEnvironmentVariables()
                    .AddCommandLine([.. parse.UnmatchedTokens])
                    .Build();
                node = configuration.BindSection<NodeOptions>(NodeOptions.SectionName);
            }
            catch (ConfigurationException error)
            {
                Console.Error.WriteLine($"ledger: {error.Message}");
                return 2;
            }

            if (!File.Exists(node.Privacy.LedgerPath))
            {
                Console.WriteLine($"No privacy ledger at '{node.Privacy.LedgerPath}': this node has released no private result.");
                return 0;
            }

            var ledger = new BudgetLedger(node.Privacy.LedgerPath, PrivacyBudget.Totals(node), TimeProvider.System);
            Console.WriteLine($"Privacy ledger {Path.GetFullPath(node.Privacy.LedgerPath)}");
            foreach (var status in ledger.ListStatuses())
            {
                Console.WriteLine($"  input {status.InputName}: total {status.Total}, spent {status.Spent} in {status.SpendCount} releases, remaining {status.Remaining}");
            }

            foreach (var spend in ledger.ListSpends(parse.GetValue(input)))
            {
                Console.WriteLine($"  {spend.SpentAt:u}  input {spend.InputName}  session {spend.SessionId}  epsilon {spend.Epsilon}");
            }

            return 0;
        });
        return command;
    }
}
