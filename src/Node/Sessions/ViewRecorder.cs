namespace MpcNetwork.Node.Sessions;

/// <summary>
/// Receives every value that this node gets from others during a session. The service registers
/// one that keeps nothing. Tests register one that records the node's view, to check that it
/// reveals nothing beyond the protocol's public values.
/// </summary>
internal class ViewRecorder
{
    /// <summary>A seed (the share material) received from a peer.</summary>
    public virtual void SeedReceived(string sessionId, string peerPartyId, ReadOnlySpan<byte> seed)
    {
    }

    /// <summary>A public value that the coordinator announced after a round.</summary>
    public virtual void PublicValueReceived(string sessionId, int round, ReadOnlySpan<byte> publicValue)
    {
    }

    /// <summary>Intersection items that the PSI leader sent to this recipient node.</summary>
    public virtual void PsiItemsReceived(string sessionId, string leaderPartyId, int itemCount)
    {
    }

    /// <summary>A chunk of a PSI message received from a peer.</summary>
    public virtual void PsiChunkReceived(string sessionId, string peerPartyId, Protos.Node.V1.PsiMessageKind kind, ReadOnlySpan<byte> records)
    {
    }
}
