using MpcNetwork.Shared.Security;

namespace MpcNetwork.Node;

/// <summary>A node's settings (configuration section <c>Node</c>).</summary>
public sealed class NodeOptions
{
    public const string SectionName = "Node";

    /// <summary>
    /// The party's private input: a decimal number such as <c>3800</c> or <c>-12.25</c>. It never
    /// leaves the node in the clear and is never logged.
    /// </summary>
    public string? Input { get; set; }

    /// <summary>Party id of the only certificate allowed to send session plans. Default <c>coordinator</c>.</summary>
    public string CoordinatorId { get; set; } = PartyIdentity.Coordinator;

    /// <summary>Fault-injection settings for tests; leave unset in deployments.</summary>
    public NodeTestingOptions Testing { get; set; } = new();

    /// <summary>
    /// Returns the first invalid setting with the reason, or null when all are valid.
    /// </summary>
    public string? Validate()
    {
        if (Input is not null && !Shared.Sharing.FixedPointFormat.TryParse(Input, out _))
        {
            return "Node:Input is not a decimal number (expected digits, an optional sign and an optional '.' fraction).";
        }

        if (!PartyIdentity.IsValid(CoordinatorId))
        {
            return $"Node:CoordinatorId '{CoordinatorId}' is not a valid party id.";
        }

        return null;
    }
}

/// <summary>Fault injection for tests (configuration section <c>Node:Testing</c>).</summary>
public sealed class NodeTestingOptions
{
    /// <summary>
    /// A step name (<c>exchange</c> or <c>partial</c>): the node stops answering before it, until
    /// the session's deadline. Unset by default.
    /// </summary>
    public string? PauseBeforeStep { get; set; }
}
