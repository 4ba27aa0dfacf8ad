using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Options;
using MpcNetwork.Node.Privacy;
using MpcNetwork.Node.Psi;
using MpcNetwork.Node.Sessions;
using MpcNetwork.Protos.Node.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Node.Services;

/// <summary>
/// Runs the node's side of a session on the coordinator's stream: prepare (policy and input
/// checks), start, seed exchange with the peers, one masked partial per round, then publish,
/// finish or abort. Any failure drops the session's state.
/// </summary>
internal sealed partial class NodeSessionsService(
    SessionRegistry sessions,
    SeedExchange exchange,
    PsiExchange psiExchange,
    IOptions<NodeOptions> options,
    TlsIdentity identity,
    TimeProvider time,
    StepHook hook,
    ReceivedResults received,
    ViewRecorder recorder,
    PrivacyBudget budget,
    IHostApplicationLifetime lifetime,
    ILogger<NodeSessionsService> logger) : NodeSessions.NodeSessionsBase
{
    public override async Task RunSession(IAsyncStreamReader<CoordinatorFrame> requestStream, IServerStreamWriter<NodeFrame> responseStream, ServerCallContext context)
    {
        var caller = MutualTls.GetCallerPartyId(context);
        if (caller != options.Value.CoordinatorId)
        {
            NodeLog.CoordinatorRejected(logger, caller, options.Value.CoordinatorId);
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"party '{caller}' may not send session plans; only '{options.Value.CoordinatorId}' may"));
        }

        // A stopping host does not cancel running calls by itself; linking its token lets the
        // node end its streams promptly on shutdown.
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var first = await ReadFrameAsync(requestStream, call.Token);
        if (first?.BodyCase != CoordinatorFrame.BodyOneofCase.Prepare)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the first frame of a session stream must be prepare"));
        }

        var plan = first.Prepare.Plan;
        var writer = new FrameWriter(responseStream, plan.SessionId);
        var (computation, rejection) = PlanCheck.Check(plan, identity.PartyId, options.Value, budget, time.GetUtcNow());
        if (rejection is not null)
        {
            await RejectAsync(writer, plan.SessionId, rejection, call.Token);
            return;
        }

        using var session = new NodeSession(plan, identity.PartyId, computation!, time);
        if (!sessions.TryAdd(session))
        {
            await RejectAsync(writer, plan.SessionId, new PlanRejection("session-id", "this session id was already used on this node"), call.Token);
            return;
        }

        using var stopSessionWithCall = call.Token.Register(session.Cancel);
        try
        {
            await RunAcceptedAsync(session, requestStream, writer);
        }
        finally
        {
            session.Cancel();
            sessions.Remove(session);
        }
    }

    private async Task RunAcceptedAsync(NodeSession session, IAsyncStreamReader<CoordinatorFrame> requestStream, FrameWriter writer)
    {
        var cancellation = session.Cancellation;
        var clock = Stopwatch.StartNew();
        var step = "prepare";
        try
        {
            NodeLog.PlanAccepted(logger, session.SessionId, session.PartyId, session.Plan.Computation.ToString(), session.Plan.Parties.Count);
            await writer.WriteAsync(0, new NodeFrame { Accept = new Accept() }, cancellation);

            step = "start";
            var frame = await ExpectAsync(requestStream, session, step);
            if (frame.BodyCase != CoordinatorFrame.BodyOneofCase.Start)
            {
                EndWithoutResult(session, frame);
                return;
            }

            if (session.Computation.Charge is { } charge)
            {
                step = "budget";
                Debit(session, charge);
            }

            if (session.Computation is PsiComputation psi)
            {
                step = PsiSessionRun.Step;
                await RunPsiAsync(session, psi, requestStream, writer, clock);
                return;
            }

            step = SeedExchange.Step;
            await hook.BeforeStepAsync(session.SessionId, step, cancellation);
            session.Start();
            await exchange.RunAsync(session);
            NodeLog.StepFinished(logger, session.SessionId, session.PartyId, step, clock.ElapsedMilliseconds);

            for (var round = 0; ; round++)
            {
                step = "partial";
                await hook.BeforeStepAsync(session.SessionId, step, cancellation);
                var partial = session.MaskPartial(round, session.Computation.Contribute(round));
                var bytes = await writer.WritePartialAsync(round, partial, cancellation);
                NodeLog.PartialSent(logger, session.SessionId, session.PartyId, round, bytes);

                step = "publish";
                frame = await ExpectAsync(requestStream, session, step);
                if (frame.BodyCase == CoordinatorFrame.BodyOneofCase.RoundResult)
                {
                    if (frame.Round != round)
                    {
                        throw new SessionStepException(step, options.Value.CoordinatorId, $"expected the result of round {round}, got round {frame.Round}");
                    }

                    recorder.PublicValueReceived(session.SessionId, round, frame.RoundResult.PublicValue.Span);
                    session.Computation.Observe(round, frame.RoundResult.PublicValue.Span);
                    continue;
                }

                if (frame.BodyCase == CoordinatorFrame.BodyOneofCase.Publish)
                {
                    received.Add(await ReceiveResultAsync(requestStream, session, frame.Publish));
                    NodeLog.ResultReceived(logger, session.SessionId, session.PartyId);
                }
                else
                {
                    EndWithoutResult(session, frame);
                }

                NodeLog.SessionFinished(logger, session.SessionId, session.PartyId, clock.ElapsedMilliseconds);
                return;
            }
        }
        catch (SessionStepException error)
        {
            await ReportFailureAsync(session, writer, error.Step, error.PartyId, error.Detail);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            NodeLog.SessionFailed(logger, session.SessionId, session.PartyId, step, session.PartyId, "the session was cancelled or its deadline passed");
        }
    }

    /// <summary>Debits the ledger in one transaction before any share of this session leaves the node; it is never refunded.</summary>
    private void Debit(NodeSession session, PrivacyCharge charge)
    {
        try
        {
            budget.Ledger.Debit(charge.InputName, charge.Epsilon, session.SessionId);
            NodeLog.BudgetDebited(logger, session.SessionId, session.PartyId, charge.InputName, charge.Epsilon.ToString());
        }
        catch (BudgetExceededException error)
        {
            throw new SessionStepException("budget", session.PartyId, error.Message);
        }
        catch (Exception error) when (error is ArgumentException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new SessionStepException("budget", session.PartyId, $"the privacy ledger failed: {error.Message}");
        }
    }

    private async Task<SessionResult> ReceiveResultAsync(IAsyncStreamReader<CoordinatorFrame> requestStream, NodeSession session, Publish publish)
    {
        var assembler = new ResultChunks.Assembler();
        assembler.Add(publish.Result);
        var complete = publish.Complete;
        while (!complete)
        {
            var frame = await ExpectAsync(requestStream, session, "publish");
            if (frame.BodyCase != CoordinatorFrame.BodyOneofCase.PublishChunk)
            {
                throw new SessionStepException("publish", options.Value.CoordinatorId, $"expected the rest of the result, got {frame.BodyCase}");
            }

            assembler.Add(frame.PublishChunk.Chunk);
            complete = frame.PublishChunk.Last;
        }

        return assembler.Result!;
    }

    private async Task<CoordinatorFrame> ExpectAsync(IAsyncStreamReader<CoordinatorFrame> requestStream, NodeSession session, string step)
    {
        var frame = await ReadFrameAsync(requestStream, session.Cancellation)
            ?? throw new SessionStepException(step, options.Value.CoordinatorId, "the coordinator closed the session stream");
        if (frame.SessionId != session.SessionId)
        {
            throw new SessionStepException(step, options.Value.CoordinatorId, "the coordinator sent a frame for another session");
        }

        return frame;
    }

    private static async Task<CoordinatorFrame?> ReadFrameAsync(IAsyncStreamReader<CoordinatorFrame> stream, CancellationToken cancellation) =>
        await stream.MoveNext(cancellation) ? stream.Current : null;

    private void EndWithoutResult(NodeSession session, CoordinatorFrame frame)
    {
        if (frame.BodyCase == CoordinatorFrame.BodyOneofCase.Abort)
        {
            NodeLog.SessionAborted(logger, session.SessionId, session.PartyId, frame.Abort.Reason);
        }
        else if (frame.BodyCase != CoordinatorFrame.BodyOneofCase.Finish)
        {
            throw new SessionStepException("frame", options.Value.CoordinatorId, $"unexpected frame {frame.BodyCase}");
        }
    }

    private async Task RejectAsync(FrameWriter writer, string sessionId, PlanRejection rejection, CancellationToken cancellation)
    {
        NodeLog.PlanRejected(logger, sessionId, identity.PartyId, rejection.Rule, rejection.Detail);
        await writer.WriteAsync(0, new NodeFrame { Reject = new Reject { Rule = rejection.Rule, Detail = rejection.Detail } }, cancellation);
    }

    private async Task ReportFailureAsync(NodeSession session, FrameWriter writer, string step, string faultyParty, string detail)
    {
        NodeLog.SessionFailed(logger, session.SessionId, session.PartyId, step, faultyParty, detail);
        try
        {
            var failure = new Failure { Step = step, PartyId = faultyParty, Detail = detail };
            await writer.WriteAsync(0, new NodeFrame { Failure = failure }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception error) when (error is RpcException or IOException or InvalidOperationException or TimeoutException)
        {
            // The coordinator's stream is gone as well, so the coordinator detects the failure itself.
        }
    }
}
