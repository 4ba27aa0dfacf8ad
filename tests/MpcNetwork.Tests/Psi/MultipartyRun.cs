using MpcNetwork.Shared.Psi;

namespace MpcNetwork.Tests.Psi;

/// <summary>Runs a multi-party PSI session in memory, round by round, counting the bytes each party sends.</summary>
internal sealed class MultipartyRun
{
    public long[] SentBytes { get; private set; } = [];

    public PsiResult Run(IReadOnlyList<PsiItemSet> sets, int leader, int chunkRecords = 1000)
    {
        const string sessionId = "multiparty-test";
        var bounds = sets.Select(set => set.Bound).ToArray();
        var parties = sets.Select((set, index) => new MultipartyPsiParty(index, bounds, leader, set, sessionId, PsiMode.Intersection)).ToArray();
        SentBytes = new long[parties.Length];

        // R1 and R2a: j's blinded list goes to every i, which returns it evaluated under k_{i→j}.
        for (var j = 0; j < parties.Length; j++)
        {
            foreach (var chunk in parties[j].BlindedChunks(chunkRecords))
            {
                for (var i = 0; i < parties.Length; i++)
                {
                    if (i == j)
                    {
                        continue;
                    }

                    SentBytes[j] += chunk.Length;
                    var evaluated = parties[i].EvaluateChunk(j, chunk.Span);
                    SentBytes[i] += evaluated.Length;
                    parties[j].AcceptEvaluatedChunk(i, evaluated);
                }
            }
        }

        // R2b: zero-sharing tables from every party to every other.
        for (var i = 0; i < parties.Length; i++)
        {
            for (var j = 0; j < parties.Length; j++)
            {
                if (i == j)
                {
                    continue;
                }

                foreach (var chunk in parties[i].ZeroShareTableChunks(j, chunkRecords))
                {
                    SentBytes[i] += chunk.Length;
                    parties[j].AcceptZeroShareTableChunk(i, chunk.Span);
                }
            }
        }

        // R3: reconstruction tables from the non-leaders to the leader.
        for (var j = 0; j < parties.Length; j++)
        {
            if (j == leader)
            {
                continue;
            }

            foreach (var chunk in parties[j].ReconstructionTableChunks(chunkRecords))
            {
                SentBytes[j] += chunk.Length;
                parties[leader].AcceptReconstructionTableChunk(j, chunk.Span);
            }
        }

        return parties[leader].Finish();
    }
}
