using Grpc.Core;

namespace MpcNetwork.Node.Sessions;

/// <summary>
/// The rules for accepting a peer's stream, shared by every peer service. The certificate's
/// party must be the party that the stream claims, and the session must be open on this node
/// and of the expected kind. The caller must be in its plan and come earlier in the roster,
/// because the earlier party dials.
/// </summary>
internal static class PeerAuthorization
{
    /// <summary>Returns the session and the caller's roster index; throws <see cref="RpcException"/> through <paramref name="reject"/> otherwise.</summary>
    public static (NodeSession Session, int CallerIndex) Authorize(
        SessionRegistry sessions,
        string caller,
        string claimedPartyId,
        string sessionId,
        Func<NodeSession, bool> isExpectedKind,
        string kind,
        Func<StatusCode, string, RpcException> reject)
    {
        if (claimedPartyId != caller)
        {
            throw reject(StatusCode.PermissionDenied, $"the certificate is party '{caller}' but the stream claims '{claimedPartyId}'");
        }

        if (!sessions.TryGet(sessionId, out var session) || !isExpectedKind(session))
        {
            throw reject(StatusCode.NotFound, $"no open {kind}session '{sessionId}' on this node");
        }

        var callerIndex = session.IndexOf(caller);
        if (callerIndex < 0)
        {
            throw reject(StatusCode.PermissionDenied, $"party '{caller}' is not in session '{session.SessionId}'");
        }

        if (callerIndex >= session.Index)
        {
            throw reject(StatusCode.PermissionDenied, $"party '{caller}' comes after this node in the roster and must wait to be dialed");
        }

        return (session, callerIndex);
    }
}
