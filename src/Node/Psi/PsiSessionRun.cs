using System.Text;
using System.Threading.Channels;
using MpcNetwork.Node.Sessions;
using MpcNetwork.Protos.Node.V1;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Shared.Psi;

namespace MpcNetwork.Node.Psi;

/// <summary>What a PSI session left on this node: the leader's output, or the items the leader sent to this recipient.</summary>
internal sealed record PsiOutcome(bool IsLeader, long Count, IReadOnlyList<string>? Items);

/// <summary>
/// Runs this node's side of a PSI session over one peer stream per peer. Each peer has an outbox
/// that one pump writes to the stream. Chunks from a peer go through <see cref="PsiRole"/>, and
/// its responses go to that peer's outbox. The role's work runs under one lock, and no code
/// awaits the network while holding it, so a stalled stream never stops the others' reads and
/// writes. Outboxes are unbounded, but the plan's bounds limit what they can contain.
/// </summary>
internal sealed class PsiSessionRun
{
    public const string Step = "psi";

    /// <summary>Largest total of UTF-8 item bytes in one output frame, unless a single item is longer.</summary>
    private const int OutputFrameBytes = 60 * 1024;

    private readonly NodeSession _session;
    private readonly PsiComputation _computation;
    private readonly int[] _bounds;
    private readonly object _gate = new();
    private readonly Channel<PsiPeerFrame>[] _outboxes;

    // Per peer: sources that still add to its outbox: its initial messages, everything after the
    // last message arrives, and on the leader the output for a recipient, released at publish.
    private readonly int[] _openSources;
    private readonly long[][] _received;
    private readonly bool[] _complete;
    private readonly TaskCompletionSource<PsiRole> _role = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource[] _links;
    private readonly TaskCompletionSource _exchanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _outputItems = [];
    private int _completePeers;
    private bool _outputReleased;
    private PsiResult? _result;

    // The leader's items in ordinal order, so the order that recipients see shows nothing about the leader's input file.
    private List<string> _sortedItems = [];

    public PsiSessionRun(NodeSession session, PsiComputation computation)
    {
        _session = session;
        _computation = computation;
        _bounds = PsiPlan.Bounds(session.Plan);
        Leader = PsiPlan.Leader(session.Plan);
        Mode = PsiPlan.Mode(computation.Parameters);

        var count = session.Plan.Parties.Count;
        _outboxes = new Channel<PsiPeerFrame>[count];
        _openSources = new int[count];
        _received = new long[count][];
        _complete = new bool[count];
        _links = new TaskCompletionSource[count];
        for (var peer = 0; peer < count; peer++)
        {
            _outboxes[peer] = Channel.CreateUnbounded<PsiPeerFrame>(new UnboundedChannelOptions { SingleReader = true });
            _openSources[peer] = SendsOutputTo(peer) ? 3 : 2;
            _received[peer] = new long[Enum.GetValues<PsiMessageKind>().Length];
            _links[peer] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public int Leader { get; }

    public PsiMode Mode { get; }

    public bool IsLeader => _session.Index == Leader;

    public NodeSession Session => _session;

    /// <summary>Completes once the role's keys and blinded list are ready.</summary>
    public Task<PsiRole> Role => _role.Task;

    /// <summary>Whether this node receives the items from the leader: a recipient node other than the leader, in intersection mode.</summary>
    public bool ExpectsOutput(int peer) =>
        peer == Leader && !IsLeader && Mode == PsiMode.Intersection && _session.Plan.Recipients.Contains(_session.PartyId);

    /// <summary>The intersection's size; valid on the leader once <see cref="WaitForExchangeAsync"/> has returned.</summary>
    public long LeaderCount
    {
        get
        {
            lock (_gate)
            {
                return _result?.Count ?? 0;
            }
        }
    }

    /// <summary>Draws the session's keys and blinds the set (the expensive part of setup), then starts the initial messages.</summary>
    public void Prepare()
    {
        try
        {
            var role = PsiRole.Create(_session.Index, _bounds, Leader, _computation.Set, _session.SessionId, Mode);
            foreach (var peer in PeerIndices())
            {
                _ = Task.Run(() => ProduceInitial(role, peer));
            }

            _role.TrySetResult(role);
        }
        catch (Exception error) when (error is PsiProtocolException or ArgumentException or NotSupportedException)
        {
            _role.TrySetException(new SessionStepException(Step, _session.PartyId, error.Message, error));
        }
    }

    /// <summary>
    /// Waits until every protocol message has been sent and received, with the leader's output
    /// computed but not yet sent. Throws the first stream failure.
    /// </summary>
    public async Task WaitForExchangeAsync()
    {
        var pending = PeerIndices().Select(peer => _links[peer].Task).Append(_exchanged.Task).ToList();
        while (true)
        {
            var finished = await Task.WhenAny(pending).WaitAsync(_session.Cancellation);
            await finished;
            if (finished == _exchanged.Task)
            {
                return;
            }

            pending.Remove(finished);
        }
    }

    /// <summary>
    /// Sends the leader's items to the other recipient nodes. The coordinator's publish calls for
    /// it, so a session that fails before publishing shows the items to no node but the leader.
    /// </summary>
    public void ReleaseOutput()
    {
        lock (_gate)
        {
            if (_outputReleased)
            {
                return;
            }

            _outputReleased = true;
            foreach (var peer in PeerIndices().Where(SendsOutputTo))
            {
                SendOutput(peer, _sortedItems);
                CloseSource(peer);
            }
        }
    }

    /// <summary>Waits until the stream of every peer has finished, output included, then returns what this node learned.</summary>
    public async Task<PsiOutcome> WaitAsync()
    {
        var pending = PeerIndices().Select(peer => _links[peer].Task).ToList();
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending).WaitAsync(_session.Cancellation);
            await finished;
            pending.Remove(finished);
        }

        lock (_gate)
        {
            return IsLeader
                ? new PsiOutcome(true, _result!.Count, Mode == PsiMode.Intersection ? _sortedItems : null)
                : new PsiOutcome(false, _outputItems.Count, ExpectsOutput(Leader) ? [.. _outputItems] : null);
        }
    }

    /// <summary>Records how the stream to <paramref name="peer"/> ended; a failure fails the session.</summary>
    public void LinkEnded(int peer, Exception? error)
    {
        if (error is null)
        {
            _links[peer].TrySetResult();
        }
        else
        {
            _links[peer].TrySetException(error);
        }
    }

    public ChannelReader<PsiPeerFrame> Outbox(int peer) => _outboxes[peer].Reader;

    /// <summary>Total bytes of PSI records expected from <paramref name="peer"/>.</summary>
    public async Task<long> ExpectedTotalAsync(int peer)
    {
        var role = await Role;
        return Enum.GetValues<PsiMessageKind>().Sum(kind => role.ExpectedBytes(peer, kind));
    }

    /// <summary>
    /// Takes a chunk from <paramref name="peer"/>; returns true when every message expected from
    /// that peer has arrived.
    /// </summary>
    /// <exception cref="SessionStepException">The chunk is unexpected, too long or invalid; the peer is at fault.</exception>
    public bool Accept(PsiRole role, int peer, PsiChunk chunk)
    {
        var peerId = _session.Plan.Parties[peer].PartyId;
        lock (_gate)
        {
            var kind = chunk.Kind;
            var expected = Enum.IsDefined(kind) ? role.ExpectedBytes(peer, kind) : 0;
            if (expected == 0)
            {
                throw new SessionStepException(Step, peerId, $"the peer sent {kind} records, which this node does not expect from it");
            }

            var received = _received[peer][(int)kind] + chunk.Records.Length;
            if (received > expected)
            {
                throw new SessionStepException(Step, peerId, $"the peer sent more than the {expected} bytes of {kind} records that the bounds allow");
            }

            try
            {
                foreach (var answer in role.Accept(peer, kind, chunk.Records.Span))
                {
                    Enqueue(peer, answer);
                }

                _received[peer][(int)kind] = received;
                if (received == expected)
                {
                    foreach (var answer in role.Completed(peer, kind))
                    {
                        Enqueue(peer, answer);
                    }
                }
            }
            catch (PsiProtocolException error)
            {
                throw new SessionStepException(Step, peerId, error.Message, error);
            }

            var peerComplete = Enum.GetValues<PsiMessageKind>().All(other => _received[peer][(int)other] == role.ExpectedBytes(peer, other));
            if (peerComplete && !_complete[peer])
            {
                _complete[peer] = true;
                if (++_completePeers == _session.Plan.Parties.Count - 1)
                {
                    FinishExchange(role);
                }
            }

            return peerComplete;
        }
    }

    /// <summary>Stores items that the leader sent; returns true after the last frame.</summary>
    public bool AcceptOutput(int peer, PsiOutput output)
    {
        if (!ExpectsOutput(peer))
        {
            throw new SessionStepException(Step, _session.Plan.Parties[peer].PartyId, "the peer sent intersection items, but this node expects none from it");
        }

        lock (_gate)
        {
            _outputItems.AddRange(output.Items);
            if (_outputItems.Count > _bounds.Min())
            {
                throw new SessionStepException(Step, _session.Plan.Parties[peer].PartyId, $"the peer sent more intersection items than the smallest bound {_bounds.Min()}");
            }
        }

        return output.Last;
    }

    private void ProduceInitial(PsiRole role, int peer)
    {
        try
        {
            using var chunks = role.Initial(peer).GetEnumerator();
            while (!_session.Cancellation.IsCancellationRequested)
            {
                // Each chunk is computed under the lock; writing it waits for nothing.
                lock (_gate)
                {
                    if (!chunks.MoveNext())
                    {
                        break;
                    }

                    Enqueue(peer, chunks.Current);
                }
            }

            lock (_gate)
            {
                CloseSource(peer);
            }
        }
        catch (Exception error) when (error is PsiProtocolException or InvalidOperationException)
        {
            _links[peer].TrySetException(new SessionStepException(Step, _session.PartyId, error.Message, error));
        }
    }

    // Runs under _gate once every expected message from every peer has arrived.
    private void FinishExchange(PsiRole role)
    {
        try
        {
            foreach (var (peer, chunk) in role.Final())
            {
                Enqueue(peer, chunk);
            }

            _result = role.Finish();
        }
        catch (PsiProtocolException error)
        {
            throw new SessionStepException(Step, _session.PartyId, error.Message, error);
        }

        if (_result is not null && Mode == PsiMode.Intersection)
        {
            _sortedItems = [.. _result.Items.Select(item => Encoding.UTF8.GetString(item)).Order(StringComparer.Ordinal)];
        }

        foreach (var peer in PeerIndices())
        {
            CloseSource(peer);
        }

        _exchanged.TrySetResult();
    }

    private bool SendsOutputTo(int peer) =>
        IsLeader && peer != Leader && Mode == PsiMode.Intersection && _session.Plan.Recipients.Contains(_session.Plan.Parties[peer].PartyId);

    private void SendOutput(int peer, List<string> items)
    {
        var frame = new PsiOutput();
        var bytes = 0;
        foreach (var item in items)
        {
            var length = Encoding.UTF8.GetByteCount(item);
            if (frame.Items.Count > 0 && bytes + length > OutputFrameBytes)
            {
                _outboxes[peer].Writer.TryWrite(new PsiPeerFrame { Output = frame });
                frame = new PsiOutput();
                bytes = 0;
            }

            // NOTE: an item longer than 4 MB (one input line) would exceed gRPC's default message limit; nothing caps item length yet.
            frame.Items.Add(item);
            bytes += length;
        }

        frame.Last = true;
        _outboxes[peer].Writer.TryWrite(new PsiPeerFrame { Output = frame });
    }

    private void Enqueue(int peer, PsiRecords records) =>
        _outboxes[peer].Writer.TryWrite(new PsiPeerFrame
        {
            Chunk = new PsiChunk { Kind = records.Kind, Records = Google.Protobuf.ByteString.CopyFrom(records.Records.Span) },
        });

    private void CloseSource(int peer)
    {
        if (--_openSources[peer] == 0)
        {
            _outboxes[peer].Writer.TryComplete();
        }
    }

    private IEnumerable<int> PeerIndices() => Enumerable.Range(0, _session.Plan.Parties.Count).Where(peer => peer != _session.Index);
}
