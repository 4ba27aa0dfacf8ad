using System.Diagnostics;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using MpcNetwork.Coordinator.Storage;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Node.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Coordinator.Sessions;

/// <summary>
/// Runs a session: prepare (every node accepts the plan), start, then rounds of masked partials
/// (each followed by a public value, until the computation has its result), then publish to the
/// recipients and record the result. Any failure or the
/// deadline aborts the session on every node and publishes nothing.
/// </summary>
internal sealed partial class SessionRunner(
    IOptions<CoordinatorOptions> options,
    ChannelPool channels,
    ResultStore store,
    TimeProvider time,
    ViewRecorder recorder,
    ILogger<SessionRunner> logger)
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs a session for <paramref name="callerId"/> and returns the published result.
    /// <paramref name="onPlanned"/> receives the session id as soon as the plan exists.
    /// </summary>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    /// <exception cref="SessionFailedException">A node rejected the plan or failed, or the deadline passed.</exception>
    public async Task<SessionResult> RunAsync(RunSessionRequest request, string callerId, Func<string, Task> onPlanned, CancellationToken cancellation)
    {
        var plan = PlanBuilder.Build(request, options.Value, callerId, time.GetUtcNow());
        await onPlanned(plan.SessionId);
        var clock = Stopwatch.StartNew();
        CoordinatorLog.SessionStarted(logger, plan.SessionId, plan.Computation.ToString(), plan.Parties.Count, callerId);

        var timeout = plan.Deadline.ToDateTimeOffset() - time.GetUtcNow();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellation, deadline.Token);
        var context = new StepContext(plan, timeout, deadline.Token, session.Token);

        var links = plan.Parties.Select(party => OpenLink(plan, party, deadline.Token)).ToList();
        using var stopOnCancel = cancellation.Register(() => DisposeLinks(links));
        var published = false;
        try
        {
            var result = await RunStepsAsync(context, links, clock);
            published = true;
            CoordinatorLog.SessionPublished(logger, plan.SessionId, plan.Computation.ToString(), plan.Recipients.Count, clock.ElapsedMilliseconds);
            return result;
        }
        catch (SessionFailedException error)
        {
            CoordinatorLog.SessionFailed(logger, plan.SessionId, error.Step, error.PartyId, error.Detail, clock.ElapsedMilliseconds);
            await AbortAsync(links, error.Message);
            throw;
        }
        catch (OperationCanceledException)
        {
            CoordinatorLog.SessionFailed(logger, plan.SessionId, "request", callerId, "the caller cancelled the request", clock.ElapsedMilliseconds);
            await AbortAsync(links, "the caller cancelled the session");
            throw;
        }
        finally
        {
            if (!published)
            {
                DisposeLinks(links);
            }
        }
    }

    private async Task<SessionResult> RunStepsAsync(StepContext context, List<NodeLink> links, Stopwatch clock)
    {
        var plan = context.Plan;

        // Every node answers before the outcome is decided, so that all rejections are reported
        // together and in roster order.
        var answers = await StepAsync("prepare", context, links, async (link, token) =>
        {
            await link.SendAsync(0, new CoordinatorFrame { Prepare = new Prepare { Plan = plan } }, token);
            var answer = await link.ReceiveAsync("prepare", token);
            if (answer.BodyCase is not (NodeFrame.BodyOneofCase.Accept or NodeFrame.BodyOneofCase.Reject))
            {
                throw new SessionFailedException(plan.SessionId, "prepare", link.PartyId, $"expected accept or reject, got {answer.BodyCase}");
            }

            return answer;
        });

        var rejections = links.Zip(answers).Where(pair => pair.Second.BodyCase == NodeFrame.BodyOneofCase.Reject).ToList();
        if (rejections.Count > 0)
        {
            var details = rejections.Select(pair => $"{pair.First.PartyId} rejected the plan (rule {pair.Second.Reject.Rule}: {pair.Second.Reject.Detail})");
            throw new SessionFailedException(plan.SessionId, "prepare", string.Join(", ", rejections.Select(pair => pair.First.PartyId)),
                string.Join("; ", details), rejectedByPolicy: true);
        }

        CoordinatorLog.StepFinished(logger, plan.SessionId, "prepare", clock.ElapsedMilliseconds);

        await StepAsync("start", context, links, async (link, token) =>
        {
            await link.SendAsync(0, new CoordinatorFrame { Start = new Start() }, token);
            return true;
        });

        if (plan.Computation == Computation.Psi)
        {
            var psiResult = await WaitForPsiAsync(context, links);
            CoordinatorLog.StepFinished(logger, plan.SessionId, "psi", clock.ElapsedMilliseconds);
            psiResult.PublishedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow());
            await store.AddAsync(psiResult, context.Token);
            await PublishAsync(context, links, psiResult, PsiCloseWait(plan));
            return psiResult;
        }

        var computation = CoordinatorComputation.For(plan);
        SessionResult result;
        for (var round = 0; ; round++)
        {
            var length = computation.PartialLength(round);
            var roundSum = new ulong[length];
            var currentRound = round;
            await StepAsync("partials", context, links, (link, token) => link.ReceivePartialAsync("partials", currentRound, length, (offset, bytes) =>
            {
                var elements = MemoryMarshal.Cast<byte, ulong>(bytes.Span);
                recorder.PartialReceived(plan.SessionId, currentRound, link.PartyId, offset, elements);
                lock (roundSum)
                {
                    var target = roundSum.AsSpan(offset, elements.Length);
                    for (var i = 0; i < elements.Length; i++)
                    {
                        target[i] += elements[i];
                    }
                }
            }, token));

            RoundOutcome outcome;
            try
            {
                outcome = computation.Combine(round, roundSum);
            }
            catch (InvalidOperationException error)
            {
                throw new SessionFailedException(plan.SessionId, "combine", string.Join(", ", links.Select(link => link.PartyId)), error.Message);
            }

            if (outcome.Result is not null)
            {
                result = outcome.Result;
                break;
            }

            recorder.PublicValueAnnounced(plan.SessionId, round, outcome.PublicValue);
            var roundResult = new CoordinatorFrame { RoundResult = new RoundResult { PublicValue = ByteString.CopyFrom(outcome.PublicValue) } };
            var announced = round;
            await StepAsync("round", context, links, async (link, token) =>
            {
                await link.SendAsync(announced, roundResult.Clone(), token);
                return true;
            });
        }

        CoordinatorLog.StepFinished(logger, plan.SessionId, "partials", clock.ElapsedMilliseconds);
        result.PublishedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        await store.AddAsync(result, context.Token);
        await PublishAsync(context, links, result);
        return result;
    }

    private async Task PublishAsync(StepContext context, List<NodeLink> links, SessionResult result, TimeSpan? closeWait = null)
    {
        var (head, chunks) = ResultChunks.Split(result);
        try
        {
            await StepAsync("publish", context, links, async (link, token) =>
            {
                if (!context.Plan.Recipients.Contains(link.PartyId))
                {
                    await link.SendAsync(0, new CoordinatorFrame { Finish = new Finish() }, token);
                    return true;
                }

                await link.SendAsync(0, new CoordinatorFrame { Publish = new Publish { Result = head, Complete = chunks.Count == 0 } }, token);
                for (var i = 0; i < chunks.Count; i++)
                {
                    var chunk = new PublishChunk { Chunk = chunks[i], Last = i == chunks.Count - 1 };
                    await link.SendAsync(0, new CoordinatorFrame { PublishChunk = chunk }, token);
                }

                return true;
            });
        }
        catch (SessionFailedException error)
        {
            // The result is recorded and goes back to the caller; a node that vanished now only misses its copy.
            CoordinatorLog.PublishIncomplete(logger, context.Plan.SessionId, error.PartyId, error.Detail);
        }

        // Each node ends its call once it has stored the result, so the caller gets its reply
        // only after every reachable recipient has the result.
        await Task.WhenAll(links.Select(link => link.CompleteAsync(closeWait ?? CloseWait)));
        DisposeLinks(links);
    }

    private static void DisposeLinks(List<NodeLink> links)
    {
        foreach (var link in links)
        {
            link.Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on every node at once. The first failure cancels the rest
    /// and is thrown; at the deadline, the nodes that had not finished are named.
    /// </summary>
    private static async Task<T[]> StepAsync<T>(string step, StepContext context, List<NodeLink> links, Func<NodeLink, CancellationToken, Task<T>> action)
    {
        using var stepCancellation = CancellationTokenSource.CreateLinkedTokenSource(context.Token);
        var tasks = links.Select(link => GuardAsync(step, context.Plan.SessionId, link, action, stepCancellation.Token)).ToList();
        var pending = new List<Task<T>>(tasks);
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            if (finished.IsCompletedSuccessfully)
            {
                continue;
            }

            if (context.DeadlineToken.IsCancellationRequested)
            {
                var late = links.Where((_, i) => !tasks[i].IsCompletedSuccessfully).Select(link => link.PartyId);
                throw new SessionFailedException(context.Plan.SessionId, step, string.Join(", ", late),
                    $"no answer before the session deadline ({context.Timeout.TotalSeconds:0.#} s)");
            }

            await stepCancellation.CancelAsync();
            await finished;
        }

        return [.. tasks.Select(task => task.Result)];
    }

    private static async Task<T> GuardAsync<T>(string step, string sessionId, NodeLink link, Func<NodeLink, CancellationToken, Task<T>> action, CancellationToken cancellation)
    {
        try
        {
            return await action(link, cancellation);
        }
        catch (RpcException error) when (!cancellation.IsCancellationRequested)
        {
            throw new SessionFailedException(sessionId, step, link.PartyId, $"the node at {link.Party.Endpoint} is unreachable or dropped the stream ({error.StatusCode}: {error.Status.Detail})");
        }
        catch (Exception error) when (error is IOException or HttpRequestException && !cancellation.IsCancellationRequested)
        {
            throw new SessionFailedException(sessionId, step, link.PartyId, $"the connection to {link.Party.Endpoint} failed ({error.Message})");
        }
    }

    private NodeLink OpenLink(SessionPlan plan, Participant party, CancellationToken cancellation)
    {
        var client = new NodeSessions.NodeSessionsClient(channels.Get(party.Endpoint, party.PartyId));
        var call = client.RunSession(deadline: plan.Deadline.ToDateTime().AddSeconds(5), cancellationToken: cancellation);
        return new NodeLink(party, plan.SessionId, call);
    }

    private static async Task AbortAsync(List<NodeLink> links, string reason)
    {
        await Task.WhenAll(links.Select(async link =>
        {
            try
            {
                await link.SendAsync(0, new CoordinatorFrame { Abort = new Abort { Reason = reason } }, CancellationToken.None).WaitAsync(CloseWait);
            }
            catch (Exception error) when (error is RpcException or IOException or InvalidOperationException or TimeoutException or OperationCanceledException)
            {
                // That node's stream is already gone; it drops the session on its own.
            }

            await link.CompleteAsync(CloseWait);
        }));
    }

    private sealed record StepContext(SessionPlan Plan, TimeSpan Timeout, CancellationToken DeadlineToken, CancellationToken Token);
}
