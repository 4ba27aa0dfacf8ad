using System.Collections.Concurrent;

namespace MpcNetwork.Node.Sessions;

/// <summary>The sessions that this node has accepted and not yet finished.</summary>
internal sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<string, NodeSession> _active = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _used = new(StringComparer.Ordinal);

    /// <summary>Registers a session; false when the id was ever used on this node (ids are single-use).</summary>
    public bool TryAdd(NodeSession session) =>
        _used.TryAdd(session.SessionId, 0) && _active.TryAdd(session.SessionId, session);

    public bool TryGet(string sessionId, out NodeSession session) => _active.TryGetValue(sessionId, out session!);

    public void Remove(NodeSession session) => _active.TryRemove(new KeyValuePair<string, NodeSession>(session.SessionId, session));

    public int ActiveCount => _active.Count;
}
