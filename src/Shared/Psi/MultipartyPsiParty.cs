namespace MpcNetwork.Shared.Psi;

/// <summary>
/// One party of a multi-party PSI session (intersection mode): conditional zero-sharing over
/// OPPRFs built from the ristretto255 OPRF and a binned-polynomial OKVS. The leader learns the
/// items that every party holds; see docs/psi.md for the protocol and what each party learns.
/// </summary>
/// <remarks>
/// Message order for party i, with every size a function of the bounds only:
/// <list type="number">
/// <item>R1: <see cref="BlindedChunks"/> to every other party (32·M_i bytes).</item>
/// <item>R2a: for each other party j, <see cref="EvaluateChunk"/> turns j's blinded chunks into the chunks returned to j (32·M_j bytes).</item>
/// <item>R2b: <see cref="ZeroShareTableChunks"/> to every other party (the OKVS of M_i).</item>
/// <item>Received from every other party: <see cref="AcceptEvaluatedChunk"/> and <see cref="AcceptZeroShareTableChunk"/>.</item>
/// <item>R3, non-leaders only: <see cref="ReconstructionTableChunks"/> to the leader (the OKVS of M_i).</item>
/// <item>Leader only: <see cref="AcceptReconstructionTableChunk"/> from every non-leader, then <see cref="Finish"/>.</item>
/// </list>
/// Every key and zero-share is fresh per instance, so an instance serves exactly one session.
/// </remarks>
public sealed partial class MultipartyPsiParty
{
    private const int ElementLength = Ristretto255.ElementLength;

    private readonly int _index;
    private readonly IReadOnlyList<int> _bounds;
    private readonly int _leader;
    private readonly PsiItemSet _set;

    // The set's items, then dummy items up to the bound; every computation runs over all of them.
    private readonly byte[][] _items;
    private readonly byte[] _domainTag;
    private readonly int _partyCount;

    private readonly byte[] _blinded;
    private readonly byte[] _unblindScalar;
    private readonly int[] _slotItems;

    // Per other party j: the key k_{i→j}, and the OPRF outputs F_{i→j}(x) of own items (computed on first use).
    private readonly byte[][] _keys;
    private readonly byte[]?[] _ownOutputs;
    private byte[]? _hashedItems;

    // shares[j][x]: the zero-share s_i^j(x) of own item x for party j; the shares of an item sum to 0.
    private readonly ulong[][] _shares;

    // Per sender j: F_{j→i}(y) for own items, unblinded from E_{j→i}, and the count of slots received.
    private readonly byte[][] _receivedOutputs;
    private readonly int[] _evaluatedSlots;

    private readonly OkvsParameters _ownTable;
    private readonly ulong[][] _zeroShareTables;
    private readonly int[] _zeroShareReceived;
    private readonly ulong[][] _reconstructionTables;
    private readonly int[] _reconstructionReceived;
    private readonly int[] _blindedReceived;

    /// <summary>Prepares party <paramref name="partyIndex"/>: blinds its set, draws its keys and zero-shares.</summary>
    /// <param name="partyIndex">This party's zero-based index in the roster.</param>
    /// <param name="bounds">Every party's declared bound, by index; the roster has at least two parties.</param>
    /// <param name="leaderIndex">The party that learns the output.</param>
    /// <param name="set">This party's canonical items; its bound must equal bounds[partyIndex].</param>
    /// <param name="sessionId">Session id, which separates the hash to group between sessions.</param>
    /// <param name="mode">Must be <see cref="PsiMode.Intersection"/>.</param>
    public MultipartyPsiParty(int partyIndex, IReadOnlyList<int> bounds, int leaderIndex, PsiItemSet set, string sessionId, PsiMode mode)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(set);
        if (bounds.Count < 2)
        {
            throw new ArgumentException($"A PSI session needs at least two parties; the roster has {bounds.Count}.", nameof(bounds));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(partyIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partyIndex, bounds.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(leaderIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leaderIndex, bounds.Count);
        if (bounds.Any(bound => bound < 1))
        {
            throw new ArgumentException("Every PSI bound must be at least 1.", nameof(bounds));
        }

        if (set.Bound != bounds[partyIndex])
        {
            throw new ArgumentException($"The set was read with bound {set.Bound}, but the plan gives this party {bounds[partyIndex]}.", nameof(set));
        }

        if (mode != PsiMode.Intersection)
        {
            // With more than two parties the known cardinality variant lets n − 1 colluding nodes learn the intersection.
            throw new NotSupportedException("Multi-party PSI supports intersection mode only; cardinality mode would leak the intersection to colluding nodes.");
        }

        _index = partyIndex;
        _bounds = bounds;
        _leader = leaderIndex;
        _set = set;
        _items = set.PaddedToBound();
        _domainTag = HashToGroup.SessionTag(sessionId);
        _partyCount = bounds.Count;

        (_blinded, _unblindScalar, _slotItems) = BlindOwnSet();

        _keys = new byte[_partyCount][];
        _ownOutputs = new byte[_partyCount][];
        _shares = new ulong[_partyCount][];
        _receivedOutputs = new byte[_partyCount][];
        _evaluatedSlots = new int[_partyCount];
        _zeroShareTables = new ulong[_partyCount][];
        _zeroShareReceived = new int[_partyCount];
        _reconstructionTables = new ulong[_partyCount][];
        _reconstructionReceived = new int[_partyCount];
        _blindedReceived = new int[_partyCount];
        _ownTable = OkvsParameters.ForBound(set.Bound);

        for (var j = 0; j < _partyCount; j++)
        {
            _shares[j] = new ulong[set.Bound];
            if (j == _index)
            {
                continue;
            }

            _keys[j] = Ristretto255.RandomScalar();
            _receivedOutputs[j] = new byte[set.Bound * ElementLength];
            _zeroShareTables[j] = new ulong[OkvsParameters.ForBound(bounds[j]).CoefficientCount];
            if (_index == _leader)
            {
                _reconstructionTables[j] = new ulong[OkvsParameters.ForBound(bounds[j]).CoefficientCount];
            }
        }

        DrawZeroShares();
    }

    /// <summary>
    /// Returns the leader for a plan: the recipient node with the smallest bound, ties broken by
    /// the lowest index. A small bound limits how many guesses the leader can test.
    /// </summary>
    /// <exception cref="ArgumentException">No recipient is a node of the roster.</exception>
    public static int ChooseLeader(IReadOnlyList<int> bounds, IEnumerable<int> recipientNodes)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(recipientNodes);

        var candidates = recipientNodes.Where(index => index >= 0 && index < bounds.Count).Distinct().ToList();
        if (candidates.Count == 0)
        {
            throw new ArgumentException(
                "The leader learns the PSI output, so at least one recipient must be a node of the roster.", nameof(recipientNodes));
        }

        return candidates.OrderBy(index => bounds[index]).ThenBy(index => index).First();
    }

    /// <summary>Whether this party is the leader, which learns the output.</summary>
    public bool IsLeader => _index == _leader;

    /// <summary>R1: returns the blinded, padded, shuffled list, in chunks of at most <paramref name="maxRecords"/> elements.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> BlindedChunks(int maxRecords) => RecordChunks.Split(_blinded, ElementLength, maxRecords);

    /// <summary>R2a: returns the next chunk of party <paramref name="receiver"/>'s blinded list raised to this party's key for it, in the same order.</summary>
    /// <exception cref="PsiProtocolException">The chunk is malformed, overruns the receiver's bound or contains an invalid element.</exception>
    public byte[] EvaluateChunk(int receiver, ReadOnlySpan<byte> blindedChunk)
    {
        CheckPeer(receiver);
        var count = RecordChunks.CountRecords(blindedChunk.Length, ElementLength, _blindedReceived[receiver], _bounds[receiver], "blinded");
        var evaluated = blindedChunk.ToArray();
        GroupBatch.Multiply(_keys[receiver], evaluated, evaluated, count);
        _blindedReceived[receiver] += count;
        return evaluated;
    }

    /// <summary>R2b: returns the zero-sharing OKVS for party <paramref name="receiver"/>, in chunks of at most <paramref name="maxRecords"/> coefficients.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> ZeroShareTableChunks(int receiver, int maxRecords)
    {
        CheckPeer(receiver);
        var points = DerivePoints(OwnOutputs(receiver), OkvsPoint.ZeroShareLabel, _ownTable);
        var table = Okvs.Encode(_ownTable, points, _shares[receiver]);
        return RecordChunks.Split(Okvs.Serialize(table), sizeof(ulong), maxRecords);
    }

    /// <summary>Unblinds the next chunk of party <paramref name="sender"/>'s evaluation of this party's list.</summary>
    /// <exception cref="PsiProtocolException">The chunk is malformed, overruns this party's bound or contains an invalid element.</exception>
    public void AcceptEvaluatedChunk(int sender, ReadOnlySpan<byte> chunk)
    {
        CheckPeer(sender);
        var firstSlot = _evaluatedSlots[sender];
        var count = RecordChunks.CountRecords(chunk.Length, ElementLength, firstSlot, _set.Bound, "evaluated");

        var unblinded = chunk.ToArray();
        GroupBatch.Multiply(_unblindScalar, unblinded, unblinded, count);
        for (var i = 0; i < count; i++)
        {
            var item = _slotItems[firstSlot + i];
            unblinded.AsSpan(i * ElementLength, ElementLength).CopyTo(_receivedOutputs[sender].AsSpan(item * ElementLength));
        }

        _evaluatedSlots[sender] += count;
    }

    /// <summary>Stores the next chunk of party <paramref name="sender"/>'s zero-sharing OKVS.</summary>
    /// <exception cref="PsiProtocolException">The chunk is malformed or overruns the table size of the sender's bound.</exception>
    public void AcceptZeroShareTableChunk(int sender, ReadOnlySpan<byte> chunk)
    {
        CheckPeer(sender);
        _zeroShareReceived[sender] = AcceptTableChunk(_zeroShareTables[sender], _zeroShareReceived[sender], chunk, "zero-share OKVS");
    }

    /// <summary>R3 (non-leaders): returns the reconstruction OKVS for the leader, once every evaluation and zero-share table has arrived.</summary>
    /// <exception cref="PsiProtocolException">A message from another party is incomplete.</exception>
    public IEnumerable<ReadOnlyMemory<byte>> ReconstructionTableChunks(int maxRecords)
    {
        if (IsLeader)
        {
            throw new InvalidOperationException("The leader receives reconstruction tables; it does not send one.");
        }

        var shares = CombinedShares();
        var points = DerivePoints(OwnOutputs(_leader), OkvsPoint.ReconstructionLabel, _ownTable);
        var table = Okvs.Encode(_ownTable, points, shares);
        return RecordChunks.Split(Okvs.Serialize(table), sizeof(ulong), maxRecords);
    }

    /// <summary>Stores the next chunk of non-leader <paramref name="sender"/>'s reconstruction OKVS (leader only).</summary>
    /// <exception cref="PsiProtocolException">The chunk is malformed or overruns the table size of the sender's bound.</exception>
    public void AcceptReconstructionTableChunk(int sender, ReadOnlySpan<byte> chunk)
    {
        CheckPeer(sender);
        if (!IsLeader)
        {
            throw new InvalidOperationException("Only the leader receives reconstruction tables.");
        }

        _reconstructionReceived[sender] = AcceptTableChunk(_reconstructionTables[sender], _reconstructionReceived[sender], chunk, "reconstruction OKVS");
    }

    /// <summary>Returns the items in every party's set (leader only), once every message has arrived.</summary>
    /// <exception cref="PsiProtocolException">A message from another party is incomplete.</exception>
    public PsiResult Finish()
    {
        if (!IsLeader)
        {
            throw new InvalidOperationException("Only the leader computes the PSI output.");
        }

        var totals = CombinedShares();
        for (var j = 0; j < _partyCount; j++)
        {
            if (j == _index)
            {
                continue;
            }

            RecordChunks.RequireComplete(_reconstructionReceived[j], _reconstructionTables[j].Length, "reconstruction OKVS");
            var parameters = OkvsParameters.ForBound(_bounds[j]);
            var points = DerivePoints(_receivedOutputs[j], OkvsPoint.ReconstructionLabel, parameters);
            for (var x = 0; x < _items.Length; x++)
            {
                totals[x] = MersenneField.Add(totals[x], Okvs.Decode(_reconstructionTables[j], parameters, points[x]));
            }
        }

        // The shares of an item sum to 0 exactly when every party has it, up to a 2^-61 chance per item.
        // Dummy items, at indices from _set.Count on, are never output.
        var items = new List<byte[]>();
        for (var x = 0; x < _set.Count; x++)
        {
            if (totals[x] == 0)
            {
                items.Add(_set.Items[x]);
            }
        }

        return new PsiResult(PsiMode.Intersection, items, items.Count);
    }

    /// <summary>Returns S_i(x) = s_i^i(x) + Σ_j OKVS_{j→i}(F_{j→i}(x)) for every own item, dummies included.</summary>
    private ulong[] CombinedShares()
    {
        var combined = (ulong[])_shares[_index].Clone();
        for (var j = 0; j < _partyCount; j++)
        {
            if (j == _index)
            {
                continue;
            }

            RecordChunks.RequireComplete(_evaluatedSlots[j], _set.Bound, "evaluated");
            RecordChunks.RequireComplete(_zeroShareReceived[j], _zeroShareTables[j].Length, "zero-share OKVS");
            var parameters = OkvsParameters.ForBound(_bounds[j]);
            var points = DerivePoints(_receivedOutputs[j], OkvsPoint.ZeroShareLabel, parameters);
            for (var x = 0; x < _items.Length; x++)
            {
                combined[x] = MersenneField.Add(combined[x], Okvs.Decode(_zeroShareTables[j], parameters, points[x]));
            }
        }

        return combined;
    }

    private static int AcceptTableChunk(ulong[] table, int received, ReadOnlySpan<byte> chunk, string messageName)
    {
        var count = RecordChunks.CountRecords(chunk.Length, sizeof(ulong), received, table.Length, messageName);
        Okvs.Deserialize(chunk, table.AsSpan(received, count));
        return received + count;
    }

    private void CheckPeer(int party)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(party);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(party, _partyCount);
        if (party == _index)
        {
            throw new ArgumentException("A party exchanges no PSI messages with itself.", nameof(party));
        }
    }
}
