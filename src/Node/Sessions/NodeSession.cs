using System.Collections.Concurrent;
using System.Security.Cryptography;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Node.Sessions;

/// <summary>
/// What a node holds for one accepted session: the plan, its computation (with the encoded input), and the PRG seeds
/// that it sends to and receives from each peer. Seeds are the shares: expanded, the seed that
/// this node sends to peer j is the additive share of its input that j holds.
/// </summary>
internal sealed class NodeSession : IDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _outgoingSeeds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<byte[]>> _incomingSeeds = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancellation;

    public NodeSession(SessionPlan plan, string partyId, NodeComputation computation, TimeProvider time)
    {
        Plan = plan;
        PartyId = partyId;
        Computation = computation;
        Index = plan.Parties.ToList().FindIndex(party => party.PartyId == partyId);

        foreach (var peer in Peers)
        {
            _incomingSeeds[peer.PartyId] = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        var remaining = plan.Deadline.ToDateTimeOffset() - time.GetUtcNow();
        _cancellation = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time);
    }

    public SessionPlan Plan { get; }

    public string SessionId => Plan.SessionId;

    public string PartyId { get; }

    /// <summary>This party's position in the plan's roster order.</summary>
    public int Index { get; }

    public NodeComputation Computation { get; }

    /// <summary>Cancelled at the plan's deadline or when the session ends.</summary>
    public CancellationToken Cancellation => _cancellation.Token;

    public IEnumerable<Protos.Session.V1.Participant> Peers => Plan.Parties.Where(party => party.PartyId != PartyId);

    public Task Started => _started.Task;

    public int IndexOf(string partyId) => Plan.Parties.ToList().FindIndex(party => party.PartyId == partyId);

    /// <summary>Marks the session started (every node accepted) and draws a fresh seed per peer.</summary>
    public void Start()
    {
        foreach (var peer in Peers)
        {
            _outgoingSeeds[peer.PartyId] = SeedPrg.NewSeed();
        }

        _started.TrySetResult();
    }

    public byte[] OutgoingSeedFor(string peerPartyId) => _outgoingSeeds[peerPartyId];

    /// <summary>Stores the seed received from a peer; false when that peer already sent one.</summary>
    public bool TryAcceptSeed(string peerPartyId, byte[] seed) =>
        _incomingSeeds.TryGetValue(peerPartyId, out var pending) && pending.TrySetResult(seed);

    public Task<byte[]> IncomingSeedFrom(string peerPartyId) => _incomingSeeds[peerPartyId].Task;

    /// <summary>
    /// Returns the masked partial for a round: contribution - sum of shares sent + sum of shares
    /// received. The partials of all nodes add up to the sum of the contributions, and each one
    /// on its own is uniformly random to anyone who lacks a seed of this node.
    /// </summary>
    public ulong[] MaskPartial(int round, ulong[] contribution)
    {
        var partial = (ulong[])contribution.Clone();
        foreach (var peer in Peers)
        {
            SeedPrg.Accumulate(_outgoingSeeds[peer.PartyId], round, partial, subtract: true);
            SeedPrg.Accumulate(_incomingSeeds[peer.PartyId].Task.Result, round, partial, subtract: false);
        }

        return partial;
    }

    public void Cancel() => _cancellation.Cancel();

    public void Dispose()
    {
        _cancellation.Dispose();
        foreach (var seed in _outgoingSeeds.Values)
        {
            CryptographicOperations.ZeroMemory(seed);
        }

        foreach (var pending in _incomingSeeds.Values)
        {
            if (pending.Task.IsCompletedSuccessfully)
            {
                CryptographicOperations.ZeroMemory(pending.Task.Result);
            }

            pending.TrySetCanceled();
        }

        Computation.Clear();
    }
}
