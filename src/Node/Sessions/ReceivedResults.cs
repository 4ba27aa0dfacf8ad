using System.Collections.Concurrent;
using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.Node.Sessions;

/// <summary>The most recent results published to this node as a recipient, newest last (at most <see cref="Capacity"/>).</summary>
internal sealed class ReceivedResults
{
    /// <summary>Results kept; small because a vector result can hold millions of values.</summary>
    public const int Capacity = 16;

    private readonly ConcurrentQueue<SessionResult> _results = new();

    public void Add(SessionResult result)
    {
        _results.Enqueue(result);
        while (_results.Count > Capacity && _results.TryDequeue(out _))
        {
        }
    }

    public SessionResult? Find(string sessionId) => _results.LastOrDefault(result => result.SessionId == sessionId);
}
