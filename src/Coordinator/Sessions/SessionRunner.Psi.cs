using MpcNetwork.Protos.Node.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Protocols;

namespace MpcNetwork.Coordinator.Sessions;

// A PSI session after start: the nodes exchange their messages among themselves, so the
// coordinator only waits, within the deadline, for each node's PsiFinished frame. The leader's
// frame carries the output size, the only value the coordinator learns.
internal sealed partial class SessionRunner
{
    /// <summary>
    /// Returns how long to wait for the nodes to end their calls after the publish: until the
    /// deadline, because the leader sends the items to the other recipients only then, and
    /// disposing a node's call earlier would cancel that transfer.
    /// </summary>
    private TimeSpan PsiCloseWait(SessionPlan plan)
    {
        var remaining = plan.Deadline.ToDateTimeOffset() - time.GetUtcNow();
        return remaining > CloseWait ? remaining : CloseWait;
    }

    private async Task<SessionResult> WaitForPsiAsync(StepContext context, List<NodeLink> links)
    {
        var plan = context.Plan;
        var leader = plan.Parties[PsiPlan.Leader(plan)].PartyId;
        var reports = await StepAsync("psi", context, links, async (link, token) =>
        {
            var frame = await link.ReceiveAsync("psi", token);
            if (frame.BodyCase != NodeFrame.BodyOneofCase.PsiFinished)
            {
                throw new SessionFailedException(plan.SessionId, "psi", link.PartyId, $"expected the end of the PSI exchange, got {frame.BodyCase}");
            }

            if (frame.PsiFinished.Leader != (link.PartyId == leader))
            {
                throw new SessionFailedException(plan.SessionId, "psi", link.PartyId, $"the node's leader flag disagrees with the plan, whose leader is '{leader}'");
            }

            recorder.PsiFinishedReceived(plan.SessionId, link.PartyId, frame.PsiFinished.Leader, frame.PsiFinished.Count);
            return frame.PsiFinished;
        });

        // The intersection cannot be larger than the smallest set, and no set exceeds its bound.
        var count = reports.Single(report => report.Leader).Count;
        var smallestBound = PsiPlan.Bounds(plan).Min();
        if (count < 0 || count > smallestBound)
        {
            throw new SessionFailedException(plan.SessionId, "psi", leader, $"the leader reported {count} items, outside 0..{smallestBound}");
        }

        var result = new SessionResult { SessionId = plan.SessionId, Computation = plan.Computation };
        result.Parties.AddRange(plan.Parties.Select(party => party.PartyId));
        result.Recipients.AddRange(plan.Recipients);
        result.Psi = new PsiResult { Count = count, Cardinality = plan.Psi.Cardinality };
        return result;
    }
}
