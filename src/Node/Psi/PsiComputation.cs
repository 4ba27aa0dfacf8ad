using MpcNetwork.Node.Sessions;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Psi;

namespace MpcNetwork.Node.Psi;

/// <summary>
/// A PSI session's input on this node: the canonical item set read at prepare, and the run that
/// exchanges PSI messages with the peers once the session has started.
/// </summary>
internal sealed class PsiComputation(PsiItemSet set, PsiParameters parameters) : NodeComputation
{
    public PsiItemSet Set { get; } = set;

    /// <summary>The plan's parameters with every party's bound filled in.</summary>
    public PsiParameters Parameters { get; } = parameters;

    /// <summary>The peer exchange; set before the session is marked started, so accepted peer streams find it.</summary>
    public PsiSessionRun? Run { get; set; }

    public override ulong[] Contribute(int round) =>
        throw new SessionStepException("partial", "", "a PSI session sends no masked partials");

    public override void Clear()
    {
        foreach (var item in Set.Items)
        {
            Array.Clear(item);
        }
    }
}
