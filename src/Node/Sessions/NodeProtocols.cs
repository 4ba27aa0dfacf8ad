using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.Node.Sessions;

/// <summary>What each computation contributes, per round, before masking.</summary>
internal static class NodeProtocols
{
    /// <summary>Returns this node's contribution to <paramref name="round"/> as ring elements.</summary>
    public static ulong[] Contribute(NodeSession session, int round) => session.Plan.Computation switch
    {
        Computation.Sum or Computation.Average when round == 0 => session.EncodedInput,
        _ => throw new SessionStepException("partial", session.PartyId, $"computation {session.Plan.Computation} has no round {round}"),
    };
}
