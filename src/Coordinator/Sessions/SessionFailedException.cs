namespace MpcNetwork.Coordinator.Sessions;

/// <summary>A session failed at <see cref="Step"/> because of <see cref="PartyId"/>; nothing was published.</summary>
public sealed class SessionFailedException(string sessionId, string step, string partyId, string detail, bool rejectedByPolicy = false)
    : Exception($"Session {sessionId} failed at step '{step}' because of {NameParties(partyId)}: {detail}. Nothing was published.")
{
    public string SessionId { get; } = sessionId;

    public string Step { get; } = step;

    /// <summary>The party at fault; several are joined with ", " when a deadline passed for each.</summary>
    public string PartyId { get; } = partyId;

    public string Detail { get; } = detail;

    /// <summary>True when a node rejected the plan at prepare (a policy or input rule, not a fault).</summary>
    public bool RejectedByPolicy { get; } = rejectedByPolicy;

    private static string NameParties(string partyIds)
    {
        var ids = partyIds.Split(", ");
        return ids.Length == 1 ? $"party '{ids[0]}'" : $"parties {string.Join(", ", ids.Select(id => $"'{id}'"))}";
    }
}
