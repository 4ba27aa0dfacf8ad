namespace MpcNetwork.Node.Privacy;

/// <summary>The node's privacy budgets (configuration section <c>Node:Privacy</c>).</summary>
public sealed class NodePrivacyOptions
{
    /// <summary>Ledger name of the input in <c>Node:Input</c>; named inputs use their own names.</summary>
    public const string DefaultInputName = "default";

    /// <summary>SQLite file of the privacy ledger, created on the first private session. Default <c>data/privacy-ledger.db</c>.</summary>
    public string LedgerPath { get; set; } = "data/privacy-ledger.db";

    /// <summary>
    /// Total ε per protected input, e.g. <c>Node:Privacy:Budgets:default = 3</c> or
    /// <c>Node:Privacy:Budgets:salary = 1/2</c> (integers, decimals or fractions).
    /// </summary>
    public Dictionary<string, string> Budgets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Total ε of an input that <see cref="Budgets"/> does not list. Default 10.</summary>
    public string DefaultBudget { get; set; } = "10";
}
