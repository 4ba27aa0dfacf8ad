using MpcNetwork.Protos.Node.V1;
using MpcNetwork.Shared.Psi;

namespace MpcNetwork.Node.Psi;

/// <summary>A chunk of a PSI message: whole fixed-size records of one kind.</summary>
internal readonly record struct PsiRecords(PsiMessageKind Kind, ReadOnlyMemory<byte> Records);

/// <summary>
/// This node's part in a PSI session, over the in-memory protocol objects of
/// <c>MpcNetwork.Shared.Psi</c>: what it sends each peer, what it expects back, and what it makes
/// of each chunk. Peers are roster indices. Callers serialise every call, so implementations
/// need no locking.
/// </summary>
internal abstract class PsiRole
{
    /// <summary>Largest chunk payload: 64 KiB, well below gRPC's 4 MB message limit.</summary>
    public const int MaxChunkBytes = 64 * 1024;

    protected const int ElementRecords = MaxChunkBytes / Ristretto255.ElementLength;
    protected const int TagRecords = MaxChunkBytes / PsiTag.Length;
    protected const int CoefficientRecords = MaxChunkBytes / sizeof(ulong);

    /// <summary>Bytes of message <paramref name="kind"/> expected from <paramref name="peer"/>; 0 when that peer sends none.</summary>
    public abstract long ExpectedBytes(int peer, PsiMessageKind kind);

    /// <summary>The messages for <paramref name="peer"/> that need nothing from it, computed chunk by chunk as they are enumerated.</summary>
    public abstract IEnumerable<PsiRecords> Initial(int peer);

    /// <summary>Takes a chunk from <paramref name="peer"/> and returns the chunks to send back to it at once.</summary>
    /// <exception cref="PsiProtocolException">The chunk is malformed or contains an invalid element.</exception>
    public abstract IReadOnlyList<PsiRecords> Accept(int peer, PsiMessageKind kind, ReadOnlySpan<byte> records);

    /// <summary>Returns the chunks for <paramref name="peer"/> that wait until its message <paramref name="kind"/> is complete.</summary>
    public virtual IEnumerable<PsiRecords> Completed(int peer, PsiMessageKind kind) => [];

    /// <summary>Returns the last chunks, and the peer each goes to, once every expected message has arrived.</summary>
    public virtual IEnumerable<(int Peer, PsiRecords Chunk)> Final() => [];

    /// <summary>Returns the leader's output once every message has arrived, and null on the other nodes.</summary>
    public virtual PsiResult? Finish() => null;

    /// <summary>Creates the role of party <paramref name="index"/>: the two-party protocol for two parties, the multi-party one otherwise.</summary>
    public static PsiRole Create(int index, int[] bounds, int leader, PsiItemSet set, string sessionId, PsiMode mode)
    {
        if (bounds.Length > 2)
        {
            return new MultipartyRole(new MultipartyPsiParty(index, bounds, leader, set, sessionId, mode), index, bounds, leader);
        }

        var other = 1 - leader;
        return index == leader
            ? new TwoPartyLeaderRole(new TwoPartyReceiver(set, sessionId, mode, bounds[other]), bounds[leader], bounds[other])
            : new TwoPartySenderRole(new TwoPartySender(set, sessionId, mode, bounds[leader]), mode, bounds[leader]);
    }

    protected static IEnumerable<PsiRecords> Tagged(PsiMessageKind kind, IEnumerable<ReadOnlyMemory<byte>> chunks) =>
        chunks.Select(chunk => new PsiRecords(kind, chunk));

    protected static PsiProtocolException Unexpected(PsiMessageKind kind) => new($"a {kind} message was not expected from this peer");
}

/// <summary>Two parties, the leader: sends its blinded list, receives the evaluations and the sender's tags.</summary>
internal sealed class TwoPartyLeaderRole(TwoPartyReceiver receiver, int leaderBound, int senderBound) : PsiRole
{
    public override long ExpectedBytes(int peer, PsiMessageKind kind) => kind switch
    {
        PsiMessageKind.Evaluated => (long)leaderBound * Ristretto255.ElementLength,
        PsiMessageKind.Tags => (long)senderBound * PsiTag.Length,
        _ => 0,
    };

    public override IEnumerable<PsiRecords> Initial(int peer) => Tagged(PsiMessageKind.Blinded, receiver.BlindedChunks(ElementRecords));

    public override IReadOnlyList<PsiRecords> Accept(int peer, PsiMessageKind kind, ReadOnlySpan<byte> records)
    {
        switch (kind)
        {
            case PsiMessageKind.Evaluated:
                receiver.AcceptEvaluatedChunk(records);
                break;
            case PsiMessageKind.Tags:
                receiver.AcceptTagChunk(records);
                break;
            default:
                throw Unexpected(kind);
        }

        return [];
    }

    public override PsiResult Finish() => receiver.Finish();
}

/// <summary>
/// Two parties, the other node: sends its tags, and returns the leader's blinded list raised to
/// its key, chunk by chunk in intersection mode, shuffled as a whole in cardinality mode.
/// </summary>
internal sealed class TwoPartySenderRole(TwoPartySender sender, PsiMode mode, int leaderBound) : PsiRole
{
    public override long ExpectedBytes(int peer, PsiMessageKind kind) =>
        kind == PsiMessageKind.Blinded ? (long)leaderBound * Ristretto255.ElementLength : 0;

    public override IEnumerable<PsiRecords> Initial(int peer) => Tagged(PsiMessageKind.Tags, sender.TagChunks(TagRecords));

    public override IReadOnlyList<PsiRecords> Accept(int peer, PsiMessageKind kind, ReadOnlySpan<byte> records)
    {
        if (kind != PsiMessageKind.Blinded)
        {
            throw Unexpected(kind);
        }

        if (mode == PsiMode.Intersection)
        {
            return [new PsiRecords(PsiMessageKind.Evaluated, sender.EvaluateChunk(records))];
        }

        sender.AcceptBlindedChunk(records);
        return [];
    }

    public override IEnumerable<PsiRecords> Completed(int peer, PsiMessageKind kind) =>
        mode == PsiMode.Cardinality ? Tagged(PsiMessageKind.Evaluated, sender.EvaluatedChunks(ElementRecords)) : [];
}

/// <summary>
/// More than two parties: R1 and R2b go to every peer at once, R2a evaluates each peer's blinded
/// chunks as they arrive, and R3 goes to the leader once everything else has arrived.
/// </summary>
internal sealed class MultipartyRole(MultipartyPsiParty party, int index, int[] bounds, int leader) : PsiRole
{
    public override long ExpectedBytes(int peer, PsiMessageKind kind) => kind switch
    {
        PsiMessageKind.Blinded => (long)bounds[peer] * Ristretto255.ElementLength,
        PsiMessageKind.Evaluated => (long)bounds[index] * Ristretto255.ElementLength,
        PsiMessageKind.ZeroShareTable => OkvsParameters.ForBound(bounds[peer]).ByteLength,
        PsiMessageKind.ReconstructionTable when index == leader => OkvsParameters.ForBound(bounds[peer]).ByteLength,
        _ => 0,
    };

    public override IEnumerable<PsiRecords> Initial(int peer)
    {
        foreach (var chunk in party.BlindedChunks(ElementRecords))
        {
            yield return new PsiRecords(PsiMessageKind.Blinded, chunk);
        }

        // The table is built when the enumeration gets here, after the blinded list went out.
        foreach (var chunk in party.ZeroShareTableChunks(peer, CoefficientRecords))
        {
            yield return new PsiRecords(PsiMessageKind.ZeroShareTable, chunk);
        }
    }

    public override IReadOnlyList<PsiRecords> Accept(int peer, PsiMessageKind kind, ReadOnlySpan<byte> records)
    {
        switch (kind)
        {
            case PsiMessageKind.Blinded:
                return [new PsiRecords(PsiMessageKind.Evaluated, party.EvaluateChunk(peer, records))];
            case PsiMessageKind.Evaluated:
                party.AcceptEvaluatedChunk(peer, records);
                return [];
            case PsiMessageKind.ZeroShareTable:
                party.AcceptZeroShareTableChunk(peer, records);
                return [];
            case PsiMessageKind.ReconstructionTable when index == leader:
                party.AcceptReconstructionTableChunk(peer, records);
                return [];
            default:
                throw Unexpected(kind);
        }
    }

    public override IEnumerable<(int Peer, PsiRecords Chunk)> Final() => index == leader
        ? []
        : party.ReconstructionTableChunks(CoefficientRecords).Select(chunk => (leader, new PsiRecords(PsiMessageKind.ReconstructionTable, chunk)));

    public override PsiResult? Finish() => index == leader ? party.Finish() : null;
}
