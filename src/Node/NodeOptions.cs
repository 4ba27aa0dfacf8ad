using MpcNetwork.Shared.Security;

namespace MpcNetwork.Node;

/// <summary>A node's settings (configuration section <c>Node</c>).</summary>
public sealed class NodeOptions
{
    public const string SectionName = "Node";

    /// <summary>
    /// The party's private input. For sum, average and auction: a decimal number such as
    /// <c>3800</c> or <c>-12.25</c>. For a vote: an option name, or a JSON array of names for an
    /// approval ballot. It never leaves the node in the clear and is never logged.
    /// </summary>
    public string? Input { get; set; }

    /// <summary>
    /// Further named inputs, e.g. <c>Node:Inputs:ballot = "Oslo"</c>; a plan picks one by name.
    /// The same rules as <see cref="Input"/> apply.
    /// </summary>
    public Dictionary<string, string> Inputs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Returns the input that a plan names (empty for <see cref="Input"/>), or null.</summary>
    public string? InputNamed(string name) => name.Length == 0 ? Input : Inputs.GetValueOrDefault(name);

    /// <summary>
    /// Folder where a recipient node writes each PSI result it receives, as <c>SESSION_ID.txt</c>:
    /// the intersection items one per line, or in cardinality mode the count alone. Unset (the
    /// default) means results are kept in memory only.
    /// </summary>
    public string? ResultsDirectory { get; set; }

    /// <summary>Party id of the only certificate allowed to send session plans. Default <c>coordinator</c>.</summary>
    public string CoordinatorId { get; set; } = PartyIdentity.Coordinator;

    /// <summary>Privacy budgets and the ledger of differentially private releases.</summary>
    public Privacy.NodePrivacyOptions Privacy { get; set; } = new();

    /// <summary>The plans this node agrees to.</summary>
    public NodePolicyOptions Policy { get; set; } = new();

    /// <summary>Fault-injection settings for tests; leave unset in deployments.</summary>
    public NodeTestingOptions Testing { get; set; } = new();

    /// <summary>
    /// Returns the first invalid setting with the reason, or null when all are valid.
    /// </summary>
    public string? Validate()
    {
        if (Input is not null && Shared.Sharing.FixedPointFormat.TryParse(Input, out var value)
            && (value < Policy.InputMin || value > Policy.InputMax))
        {
            return "Node:Input is outside the range of Node:Policy:InputMin and Node:Policy:InputMax.";
        }

        if (!PartyIdentity.IsValid(CoordinatorId))
        {
            return $"Node:CoordinatorId '{CoordinatorId}' is not a valid party id.";
        }

        if (!Shared.Privacy.Rational.TryParse(Privacy.DefaultBudget, out var total) || total.Sign < 0)
        {
            return $"Node:Privacy:DefaultBudget '{Privacy.DefaultBudget}' is not a non-negative number.";
        }

        foreach (var (name, budget) in Privacy.Budgets)
        {
            if (!Shared.Privacy.Rational.TryParse(budget, out var parsed) || parsed.Sign < 0)
            {
                return $"Node:Privacy:Budgets:{name} '{budget}' is not a non-negative number (an integer, decimal or fraction).";
            }
        }

        return Policy.Validate();
    }
}

/// <summary>Fault injection for tests (configuration section <c>Node:Testing</c>).</summary>
public sealed class NodeTestingOptions
{
    /// <summary>
    /// A step name (<c>exchange</c>, <c>partial</c>, <c>psi</c> or <c>psi-finished</c>): the node stops answering before it, until
    /// the session's deadline. Unset by default.
    /// </summary>
    public string? PauseBeforeStep { get; set; }
}
