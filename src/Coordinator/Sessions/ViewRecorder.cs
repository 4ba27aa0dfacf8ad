namespace MpcNetwork.Coordinator.Sessions;

/// <summary>
/// Receives every value that the coordinator gets from the nodes and every public value it
/// derives. The service registers one that keeps nothing; tests register one that records the
/// coordinator's view.
/// </summary>
internal class ViewRecorder
{
    /// <summary>A chunk of a node's masked partial for a round, starting at element <paramref name="offset"/>.</summary>
    public virtual void PartialReceived(string sessionId, int round, string partyId, int offset, ReadOnlySpan<ulong> partial)
    {
    }

    /// <summary>The public value announced after a round.</summary>
    public virtual void PublicValueAnnounced(string sessionId, int round, ReadOnlySpan<byte> publicValue)
    {
    }

    /// <summary>A node's report that its PSI exchange is done; only the leader's carries the output size.</summary>
    public virtual void PsiFinishedReceived(string sessionId, string partyId, bool leader, long count)
    {
    }
}
