using MpcNetwork.Shared.Psi;

namespace MpcNetwork.Tests.Psi;

/// <summary>Runs a two-party PSI session in memory, moving chunks between the parties and counting bytes.</summary>
internal sealed class TwoPartyRun
{
    public long LeaderSentBytes { get; private set; }

    public long SenderSentBytes { get; private set; }

    public List<int> ChunkLengths { get; } = [];

    public PsiResult Run(PsiItemSet leaderSet, PsiItemSet senderSet, PsiMode mode, int chunkRecords = 1000)
    {
        const string sessionId = "two-party-test";
        var receiver = new TwoPartyReceiver(leaderSet, sessionId, mode, senderSet.Bound);
        var sender = new TwoPartySender(senderSet, sessionId, mode, leaderSet.Bound);

        foreach (var chunk in sender.TagChunks(chunkRecords))
        {
            SenderSentBytes += chunk.Length;
            ChunkLengths.Add(chunk.Length);
            receiver.AcceptTagChunk(chunk.Span);
        }

        foreach (var chunk in receiver.BlindedChunks(chunkRecords))
        {
            LeaderSentBytes += chunk.Length;
            ChunkLengths.Add(chunk.Length);
            sender.AcceptBlindedChunk(chunk.Span);
        }

        foreach (var chunk in sender.EvaluatedChunks(chunkRecords))
        {
            SenderSentBytes += chunk.Length;
            ChunkLengths.Add(chunk.Length);
            receiver.AcceptEvaluatedChunk(chunk.Span);
        }

        return receiver.Finish();
    }
}
