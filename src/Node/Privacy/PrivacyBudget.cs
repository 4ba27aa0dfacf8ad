using Microsoft.Extensions.Options;
using MpcNetwork.Shared.Privacy;

namespace MpcNetwork.Node.Privacy;

/// <summary>
/// The node's ledger of privacy spends, opened on first use so that a node that never runs a
/// private session never creates the file.
/// </summary>
internal sealed class PrivacyBudget(IOptions<NodeOptions> options, TimeProvider time)
{
    private readonly Lazy<BudgetLedger> _ledger = new(() => Open(options.Value, time));

    /// <summary>The ledger name of the input that a plan uses.</summary>
    public static string InputKey(string planInputName) => planInputName.Length == 0 ? NodePrivacyOptions.DefaultInputName : planInputName;

    public BudgetLedger Ledger => _ledger.Value;

    /// <summary>Returns the budget totals from the settings: one per configured input.</summary>
    public static Dictionary<string, Rational> Totals(NodeOptions node)
    {
        var privacy = node.Privacy;
        var totals = new Dictionary<string, Rational>(StringComparer.Ordinal);
        var defaultTotal = Rational.Parse(privacy.DefaultBudget);
        foreach (var name in node.Inputs.Keys.Append(NodePrivacyOptions.DefaultInputName))
        {
            totals[name] = privacy.Budgets.TryGetValue(name, out var configured) ? Rational.Parse(configured) : defaultTotal;
        }

        return totals;
    }

    private static BudgetLedger Open(NodeOptions node, TimeProvider time)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(node.Privacy.LedgerPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        return new BudgetLedger(node.Privacy.LedgerPath, Totals(node), time);
    }
}
