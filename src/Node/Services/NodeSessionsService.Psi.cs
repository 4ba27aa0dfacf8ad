using System.Diagnostics;
using Grpc.Core;
using MpcNetwork.Node.Psi;
using MpcNetwork.Node.Sessions;
using MpcNetwork.Protos.Node.V1;
using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.Node.Services;

// A PSI session after start: the peer exchange, a PsiFinished frame to the coordinator (the
// count from the leader only), then the published count. Only at publish does the leader send
// the items to the other recipient nodes, which add them to their copy of the result.
internal sealed partial class NodeSessionsService
{
    private async Task RunPsiAsync(NodeSession session, PsiComputation psi, IAsyncStreamReader<CoordinatorFrame> requestStream, FrameWriter writer, Stopwatch clock)
    {
        var cancellation = session.Cancellation;
        await hook.BeforeStepAsync(session.SessionId, PsiSessionRun.Step, cancellation);
        var run = await psiExchange.StartAsync(session, psi);
        await run.WaitForExchangeAsync();
        NodeLog.StepFinished(logger, session.SessionId, session.PartyId, PsiSessionRun.Step, clock.ElapsedMilliseconds);

        await hook.BeforeStepAsync(session.SessionId, "psi-finished", cancellation);
        var finished = new PsiFinished { Leader = run.IsLeader, Count = run.LeaderCount };
        await writer.WriteAsync(0, new NodeFrame { PsiFinished = finished }, cancellation);

        var frame = await ExpectAsync(requestStream, session, "publish");
        if (frame.BodyCase != CoordinatorFrame.BodyOneofCase.Publish)
        {
            // The leader has sent no item yet, so a failed session shows the items to no other node.
            EndWithoutResult(session, frame);
            NodeLog.SessionFinished(logger, session.SessionId, session.PartyId, clock.ElapsedMilliseconds);
            return;
        }

        var result = await ReceiveResultAsync(requestStream, session, frame.Publish);
        if (result.ValueCase != SessionResult.ValueOneofCase.Psi)
        {
            throw new SessionStepException("publish", options.Value.CoordinatorId, $"expected a PSI result, got {result.ValueCase}");
        }

        run.ReleaseOutput();
        var outcome = await run.WaitAsync();

        if (outcome.Items is not null)
        {
            if (outcome.Items.Count != result.Psi.Count)
            {
                var leader = session.Plan.Parties[psi.Run!.Leader].PartyId;
                throw new SessionStepException("publish", leader, $"the leader sent {outcome.Items.Count} items, but the published count is {result.Psi.Count}");
            }

            result.Psi.Items.AddRange(outcome.Items);
        }

        received.Add(result);
        NodeLog.ResultReceived(logger, session.SessionId, session.PartyId);
        await WritePsiResultAsync(session, result.Psi);
        NodeLog.SessionFinished(logger, session.SessionId, session.PartyId, clock.ElapsedMilliseconds);
    }

    /// <summary>Writes a received PSI result under Node:ResultsDirectory, if set. A failure is logged; the result stays in memory.</summary>
    private async Task WritePsiResultAsync(NodeSession session, PsiResult result)
    {
        var directory = options.Value.ResultsDirectory;
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        // The session id becomes a file name, so it may not contain a path separator or "..".
        var path = Path.Combine(directory, session.SessionId + ".txt");
        if (!session.SessionId.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_'))
        {
            NodeLog.PsiResultWriteFailed(logger, session.SessionId, session.PartyId, directory, "the session id is not a safe file name");
            return;
        }

        try
        {
            Directory.CreateDirectory(directory);
            IEnumerable<string> lines = result.Cardinality ? [result.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)] : result.Items;
            await File.WriteAllLinesAsync(path, lines, CancellationToken.None);
            NodeLog.PsiResultWritten(logger, session.SessionId, session.PartyId, path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            NodeLog.PsiResultWriteFailed(logger, session.SessionId, session.PartyId, path, error.Message);
        }
    }
}
