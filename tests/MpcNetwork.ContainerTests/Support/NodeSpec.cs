namespace MpcNetwork.ContainerTests.Support;

/// <summary>
/// A node container to start: the party it serves (its network alias and roster id), its private
/// input, the certificate it presents (normally the party's own) and extra settings as
/// environment variables.
/// </summary>
internal sealed record NodeSpec(string PartyId, string Input, string? CertificateName = null, IReadOnlyDictionary<string, string>? Settings = null)
{
    public string Certificate => CertificateName ?? PartyId;

    /// <summary>The same node with <c>Node:Testing:PauseBeforeStep</c> set: it stops answering before <paramref name="step"/>.</summary>
    public NodeSpec PausingBefore(string step) =>
        this with { Settings = new Dictionary<string, string>(Settings ?? new Dictionary<string, string>()) { ["Node__Testing__PauseBeforeStep"] = step } };
}
