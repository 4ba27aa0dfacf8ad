namespace MpcNetwork.Shared.Psi;

/// <summary>
/// The leader of a two-party PSI session: the party that learns the intersection (or its
/// size). It blinds its items, unblinds the sender's evaluations and compares them with the
/// sender's tags.
/// </summary>
/// <remarks>
/// Messages, in order: <see cref="BlindedChunks"/> goes to the sender (32·M_L bytes); the
/// sender's evaluations come back through <see cref="AcceptEvaluatedChunk"/> (32·M_L bytes) and
/// its tags through <see cref="AcceptTagChunk"/> (16·M_P bytes), in either order. Every size
/// depends only on the bounds. The blinding scalar is fresh for each instance, so an instance
/// serves exactly one session.
/// </remarks>
public sealed class TwoPartyReceiver
{
    private const int ElementLength = Ristretto255.ElementLength;

    private readonly PsiItemSet _set;
    private readonly byte[][] _paddedItems;
    private readonly PsiMode _mode;
    private readonly int _senderBound;
    private readonly byte[] _domainTag;
    private readonly byte[] _blindScalar;
    private readonly byte[] _unblindScalar;

    // Index into the padded items for each slot of the blinded list; indices from _set.Count on are dummies.
    private readonly int[] _slotItems;
    private readonly UInt128[] _evaluatedTags;
    private readonly HashSet<UInt128> _senderTags;
    private int _evaluatedCount;
    private int _senderTagCount;

    /// <summary>Prepares to blind <paramref name="set"/>, padded to its bound with dummy items and shuffled, for session <paramref name="sessionId"/>.</summary>
    public TwoPartyReceiver(PsiItemSet set, string sessionId, PsiMode mode, int senderBound)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentOutOfRangeException.ThrowIfLessThan(senderBound, 1);

        _set = set;
        _mode = mode;
        _senderBound = senderBound;
        _domainTag = HashToGroup.SessionTag(sessionId);
        _blindScalar = Ristretto255.RandomScalar();
        _unblindScalar = Ristretto255.InvertScalar(_blindScalar);

        // Padded item i goes to slot permutation[i].
        _paddedItems = set.PaddedToBound();
        var permutation = GroupBatch.RandomPermutation(set.Bound);
        _slotItems = new int[set.Bound];
        for (var i = 0; i < set.Bound; i++)
        {
            _slotItems[permutation[i]] = i;
        }

        _evaluatedTags = new UInt128[set.Bound];
        _senderTags = new HashSet<UInt128>(senderBound);
    }

    /// <summary>Number of bytes of the blinded message: 32 · the receiver's bound.</summary>
    public int BlindedLength => _set.Bound * ElementLength;

    /// <summary>
    /// Returns the blinded list in chunks of at most <paramref name="maxRecords"/> elements. Each
    /// chunk is computed when it is enumerated, so the sender can work on one chunk while the
    /// next is being blinded. Enumerate it once per session.
    /// </summary>
    public IEnumerable<ReadOnlyMemory<byte>> BlindedChunks(int maxRecords)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);

        for (var first = 0; first < _set.Bound; first += maxRecords)
        {
            var count = Math.Min(maxRecords, _set.Bound - first);
            var chunk = new byte[count * ElementLength];
            GroupBatch.ForEach(count, i =>
            {
                var element = chunk.AsSpan(i * ElementLength, ElementLength);
                HashToGroup.Hash(_paddedItems[_slotItems[first + i]], _domainTag, element);
                Ristretto255.Multiply(_blindScalar, element, element);
            });

            yield return chunk;
        }
    }

    /// <summary>Unblinds the next chunk of the sender's evaluations.</summary>
    /// <exception cref="PsiProtocolException">The chunk is malformed, too long or contains an invalid element.</exception>
    public void AcceptEvaluatedChunk(ReadOnlySpan<byte> chunk)
    {
        var first = _evaluatedCount;
        var count = RecordChunks.CountRecords(chunk.Length, ElementLength, first, _set.Bound, "evaluated");
        var evaluated = chunk.ToArray();

        GroupBatch.ForEach(count, i =>
        {
            var element = evaluated.AsSpan(i * ElementLength, ElementLength);
            Ristretto255.Multiply(_unblindScalar, element, element);
            _evaluatedTags[first + i] = PsiTag.Compute(element);
        });

        _evaluatedCount += count;
    }

    /// <summary>Stores the next chunk of the sender's tags.</summary>
    /// <exception cref="PsiProtocolException">The chunk is malformed or too long.</exception>
    public void AcceptTagChunk(ReadOnlySpan<byte> chunk)
    {
        var count = RecordChunks.CountRecords(chunk.Length, PsiTag.Length, _senderTagCount, _senderBound, "tag");
        for (var i = 0; i < count; i++)
        {
            _senderTags.Add(PsiTag.Read(chunk.Slice(i * PsiTag.Length, PsiTag.Length)));
        }

        _senderTagCount += count;
    }

    /// <summary>Compares the unblinded evaluations with the sender's tags and returns the output.</summary>
    /// <exception cref="PsiProtocolException">A message is incomplete.</exception>
    public PsiResult Finish()
    {
        RecordChunks.RequireComplete(_evaluatedCount, _set.Bound, "evaluated");
        RecordChunks.RequireComplete(_senderTagCount, _senderBound, "tag");

        if (_mode == PsiMode.Cardinality)
        {
            // The sender returned the evaluations in a secret order that only it has drawn, so slots are not linked to items.
            var count = _evaluatedTags.Count(_senderTags.Contains);
            return new PsiResult(_mode, [], count);
        }

        var items = new List<byte[]>();
        for (var slot = 0; slot < _slotItems.Length; slot++)
        {
            var item = _slotItems[slot];
            if (item < _set.Count && _senderTags.Contains(_evaluatedTags[slot]))
            {
                items.Add(_set.Items[item]);
            }
        }

        return new PsiResult(_mode, items, items.Count);
    }
}
