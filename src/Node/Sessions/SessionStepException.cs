namespace MpcNetwork.Node.Sessions;

/// <summary>A session step failed because of <see cref="PartyId"/> (this node or a peer).</summary>
internal sealed class SessionStepException(string step, string partyId, string detail, Exception? inner = null)
    : Exception($"Step '{step}' failed because of party '{partyId}': {detail}", inner)
{
    public string Step { get; } = step;

    public string PartyId { get; } = partyId;

    public string Detail { get; } = detail;
}
