using Grpc.Core;
using MpcNetwork.Node.Sessions;
using MpcNetwork.Protos.Node.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Node.Psi;

/// <summary>
/// Runs PSI sessions over node-to-node streams. For each pair of nodes the one earlier in the
/// roster dials the other's <c>PsiPeerExchange</c> service; the accepting side runs in
/// <see cref="Services.PsiPeerExchangeService"/>.
/// </summary>
internal sealed class PsiExchange(ChannelPool channels, ViewRecorder recorder, TimeProvider time, ILogger<PsiExchange> logger)
{
    /// <summary>
    /// Marks the session started, prepares this node's role and dials the later peers; the
    /// returned run completes the exchange. Throws <see cref="SessionStepException"/> naming the party at fault.
    /// </summary>
    public async Task<PsiSessionRun> StartAsync(NodeSession session, PsiComputation computation)
    {
        var run = new PsiSessionRun(session, computation);
        computation.Run = run;
        NodeLog.PsiStarted(logger, session.SessionId, session.PartyId, run.Mode.ToString(), session.Plan.Parties[run.Leader].PartyId,
            computation.Set.BlankLineCount, computation.Set.DuplicateCount);

        // Peers may dial in from now on; their streams wait until the role below is ready.
        session.Start();
        await Task.Run(run.Prepare, session.Cancellation);
        if (run.Role.IsFaulted)
        {
            await run.Role;
        }

        for (var peer = session.Index + 1; peer < session.Plan.Parties.Count; peer++)
        {
            _ = DialAsync(run, peer);
        }

        return run;
    }

    /// <summary>Runs the accepting side of a peer's stream until both directions are done.</summary>
    public async Task AcceptAsync(PsiSessionRun run, int peer, IAsyncStreamReader<PsiPeerFrame> reader, IAsyncStreamWriter<PsiPeerFrame> writer, CancellationToken cancellation)
    {
        try
        {
            await new PsiPeerLink(run, peer, recorder, time, logger).RunAsync(reader, writer, cancellation);

            // Ending the call while the peer's request side is open would reset the stream under
            // it, so wait until the peer has closed its side too.
            if (await reader.MoveNext(cancellation))
            {
                throw new SessionStepException(PsiSessionRun.Step, run.Session.Plan.Parties[peer].PartyId, $"unexpected {reader.Current.BodyCase} frame after the PSI exchange");
            }

            run.LinkEnded(peer, null);
        }
        catch (Exception error)
        {
            run.LinkEnded(peer, Describe(run.Session, run.Session.Plan.Parties[peer], error));
            throw;
        }
    }

    private async Task DialAsync(PsiSessionRun run, int peer)
    {
        var session = run.Session;
        var participant = session.Plan.Parties[peer];
        var cancellation = session.Cancellation;
        try
        {
            var client = new PsiPeerExchange.PsiPeerExchangeClient(channels.Get(participant.Endpoint, participant.PartyId));
            // Wait for ready: a peer busy blinding its own set may accept the connection late, and
            // a dead peer still ends the call at the session deadline.
            // NOTE: the PSI core's parallel loops can occupy every thread-pool thread, and the
            // channel drops a connection whose keep-alive ping goes unanswered for 10 s. No run
            // recorded in docs/psi-benchmarks.md hit that, but a heavily loaded node might.
            var options = new CallOptions(deadline: session.Plan.Deadline.ToDateTime(), cancellationToken: cancellation).WithWaitForReady();
            using var call = client.Exchange(options);
            var link = new PsiPeerLink(run, peer, recorder, time, logger);

            await call.RequestStream.WriteAsync(link.Stamp(new PsiPeerFrame { Hello = new Hello { PartyId = session.PartyId } }), cancellation);
            await link.RunAsync(call.ResponseStream, call.RequestStream, cancellation);
            await CompleteRequestsAsync(call);
            while (await call.ResponseStream.MoveNext(cancellation))
            {
                // The peer sends nothing more; draining observes the call's final status.
            }

            run.LinkEnded(peer, null);
        }
        catch (Exception error)
        {
            run.LinkEnded(peer, Describe(session, participant, error));
        }
    }

    private static async Task CompleteRequestsAsync(AsyncDuplexStreamingCall<PsiPeerFrame, PsiPeerFrame> call)
    {
        try
        {
            await call.RequestStream.CompleteAsync();
        }
        catch (InvalidOperationException)
        {
            // The peer ended the call once it had everything from this node; nothing is left to close.
        }
    }

    private static Exception Describe(NodeSession session, Participant peer, Exception error) => error switch
    {
        SessionStepException => error,
        RpcException rpc => new SessionStepException(PsiSessionRun.Step, peer.PartyId, $"the PSI stream with {peer.Endpoint} failed ({rpc.StatusCode}: {rpc.Status.Detail})", error),
        IOException or HttpRequestException => new SessionStepException(PsiSessionRun.Step, peer.PartyId, $"the PSI stream with {peer.Endpoint} failed ({error.Message})", error),
        OperationCanceledException when session.Cancellation.IsCancellationRequested =>
            new SessionStepException(PsiSessionRun.Step, peer.PartyId, "the PSI exchange with this peer did not finish before the session ended or its deadline passed", error),
        _ => new SessionStepException(PsiSessionRun.Step, session.PartyId, $"the PSI exchange with {peer.PartyId} failed on this node ({error.GetType().Name}: {error.Message})", error),
    };
}
