namespace MpcNetwork.Shared.Psi;

/// <summary>
/// The other party of a two-party PSI session. It evaluates the leader's blinded list under a
/// fresh key and sends the tags of its own items; it learns only the leader's bound.
/// </summary>
/// <remarks>
/// Messages: the leader's blinded list arrives through <see cref="AcceptBlindedChunk"/>
/// (32·M_L bytes), and <see cref="EvaluatedChunks"/> returns it raised to the key (32·M_L bytes,
/// shuffled in cardinality mode). In intersection mode <see cref="EvaluateChunk"/> does both
/// for one chunk at a time instead. <see cref="TagChunks"/> (16·M_P bytes, padded and shuffled)
/// needs nothing from the leader and can be sent first.
/// </remarks>
public sealed class TwoPartySender
{
    private const int ElementLength = Ristretto255.ElementLength;

    private readonly int _receiverBound;
    private readonly PsiMode _mode;
    private readonly byte[] _key;
    private readonly byte[] _tags;
    private readonly byte[] _evaluated;

    // Position in the response of each received slot: the identity in intersection mode, a secret shuffle in cardinality mode.
    private readonly int[] _responseOrder;
    private int _receivedCount;
    private bool _streamed;

    /// <summary>Computes the padded, shuffled tags of <paramref name="set"/> for session <paramref name="sessionId"/>.</summary>
    public TwoPartySender(PsiItemSet set, string sessionId, PsiMode mode, int receiverBound)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentOutOfRangeException.ThrowIfLessThan(receiverBound, 1);

        _receiverBound = receiverBound;
        _mode = mode;
        _key = Ristretto255.RandomScalar();

        // Dummy items pad the set to its bound: a dummy's tag looks random to the leader, and the work is the same for every set size.
        var padded = set.PaddedToBound();
        var evaluatedItems = new byte[set.Bound * ElementLength];
        GroupBatch.Hash(padded, HashToGroup.SessionTag(sessionId), evaluatedItems);
        GroupBatch.Multiply(_key, evaluatedItems, evaluatedItems, set.Bound);

        _tags = new byte[set.Bound * PsiTag.Length];
        var positions = GroupBatch.RandomPermutation(set.Bound);
        for (var i = 0; i < set.Bound; i++)
        {
            var tag = PsiTag.Compute(evaluatedItems.AsSpan(i * ElementLength, ElementLength));
            PsiTag.Write(tag, _tags.AsSpan(positions[i] * PsiTag.Length, PsiTag.Length));
        }

        _evaluated = new byte[receiverBound * ElementLength];
        _responseOrder = mode == PsiMode.Cardinality
            ? GroupBatch.RandomPermutation(receiverBound)
            : Enumerable.Range(0, receiverBound).ToArray();
    }

    /// <summary>Number of bytes of the tag message: 16 · the sender's bound.</summary>
    public int TagLength => _tags.Length;

    /// <summary>Returns the tag message in chunks of at most <paramref name="maxRecords"/> tags.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> TagChunks(int maxRecords) => RecordChunks.Split(_tags, PsiTag.Length, maxRecords);

    /// <summary>Evaluates the next chunk of the leader's blinded list.</summary>
    /// <exception cref="PsiProtocolException">The chunk is malformed, too long or contains an invalid element.</exception>
    public void AcceptBlindedChunk(ReadOnlySpan<byte> chunk)
    {
        if (_streamed)
        {
            throw new InvalidOperationException("This session streams its evaluations with EvaluateChunk.");
        }

        var count = RecordChunks.CountRecords(chunk.Length, ElementLength, _receivedCount, _receiverBound, "blinded");
        var evaluated = new byte[chunk.Length];
        chunk.CopyTo(evaluated);
        GroupBatch.Multiply(_key, evaluated, evaluated, count);

        for (var i = 0; i < count; i++)
        {
            var position = _responseOrder[_receivedCount + i];
            evaluated.AsSpan(i * ElementLength, ElementLength).CopyTo(_evaluated.AsSpan(position * ElementLength, ElementLength));
        }

        _receivedCount += count;
    }

    /// <summary>
    /// Intersection mode only: evaluates the next chunk of the leader's blinded list and returns
    /// it at once, in the same order, so the response can stream while the list still arrives.
    /// Use it instead of <see cref="AcceptBlindedChunk"/> and <see cref="EvaluatedChunks"/>.
    /// </summary>
    /// <exception cref="PsiProtocolException">The chunk is malformed, too long or contains an invalid element.</exception>
    public byte[] EvaluateChunk(ReadOnlySpan<byte> chunk)
    {
        if (_mode != PsiMode.Intersection)
        {
            throw new InvalidOperationException("In cardinality mode the response must be shuffled as a whole; use AcceptBlindedChunk and EvaluatedChunks.");
        }

        var count = RecordChunks.CountRecords(chunk.Length, ElementLength, _receivedCount, _receiverBound, "blinded");
        var evaluated = chunk.ToArray();
        GroupBatch.Multiply(_key, evaluated, evaluated, count);
        _receivedCount += count;
        _streamed = true;
        return evaluated;
    }

    /// <summary>Returns the evaluated list in chunks of at most <paramref name="maxRecords"/> elements, once all of it has arrived.</summary>
    /// <exception cref="PsiProtocolException">The blinded list is incomplete.</exception>
    public IEnumerable<ReadOnlyMemory<byte>> EvaluatedChunks(int maxRecords)
    {
        if (_streamed)
        {
            throw new InvalidOperationException("The evaluations were already returned by EvaluateChunk.");
        }

        RecordChunks.RequireComplete(_receivedCount, _receiverBound, "blinded");
        return RecordChunks.Split(_evaluated, ElementLength, maxRecords);
    }
}
