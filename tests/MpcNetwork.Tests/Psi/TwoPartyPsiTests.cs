using MpcNetwork.Shared.Psi;
using static MpcNetwork.Tests.Psi.PsiTestSets;

namespace MpcNetwork.Tests.Psi;

public class TwoPartyPsiTests
{
    [Fact]
    public void Random_sets_give_exact_intersection()
    {
        var shared = Unique("shared", 37, seed: 1);
        var leaderOnly = Unique("leader", 200, seed: 2);
        var senderOnly = Unique("sender", 300, seed: 3);

        var result = new TwoPartyRun().Run(
            ToSet([.. leaderOnly, .. shared], bound: 300),
            ToSet([.. senderOnly, .. shared], bound: 400),
            PsiMode.Intersection,
            chunkRecords: 64);

        Assert.Equal(Sorted(shared), Texts(result));
        Assert.Equal(37, result.Count);
    }

    [Fact]
    public void Items_held_by_one_party_never_appear()
    {
        var shared = Unique("shared", 5, seed: 4);
        var leaderOnly = Unique("leader", 50, seed: 5);
        var senderOnly = Unique("sender", 50, seed: 6);

        var result = new TwoPartyRun().Run(ToSet([.. leaderOnly, .. shared], 60), ToSet([.. senderOnly, .. shared], 60), PsiMode.Intersection);
        var output = Texts(result);

        Assert.DoesNotContain(output, leaderOnly.Contains);
        Assert.DoesNotContain(output, senderOnly.Contains);
    }

    [Fact]
    public void Duplicates_count_once()
    {
        var result = new TwoPartyRun().Run(
            ToSet(["a@x", "a@x", " a@x ", "b@x"], bound: 5),
            ToSet(["a@x", "a@x", "c@x"], bound: 5),
            PsiMode.Intersection);

        Assert.Equal(["a@x"], Texts(result));
    }

    [Fact]
    public void Empty_leader_set_gives_empty_output()
    {
        var result = new TwoPartyRun().Run(ToSet([], bound: 10), ToSet(Unique("s", 10, seed: 7), bound: 10), PsiMode.Intersection);

        Assert.Empty(result.Items);
        Assert.Equal(0, result.Count);
    }

    [Fact]
    public void Empty_sender_set_gives_empty_output()
    {
        var result = new TwoPartyRun().Run(ToSet(Unique("l", 10, seed: 8), bound: 10), ToSet([], bound: 10), PsiMode.Intersection);

        Assert.Empty(result.Items);
    }

    [Fact]
    public void Subset_gives_the_smaller_set()
    {
        var small = Unique("both", 20, seed: 9);
        var large = Unique("more", 80, seed: 10).Concat(small).ToList();

        var leaderSmall = new TwoPartyRun().Run(ToSet(small, 20), ToSet(large, 100), PsiMode.Intersection);
        var leaderLarge = new TwoPartyRun().Run(ToSet(large, 100), ToSet(small, 20), PsiMode.Intersection);

        Assert.Equal(Sorted(small), Texts(leaderSmall));
        Assert.Equal(Sorted(small), Texts(leaderLarge));
    }

    [Fact]
    public void Cardinality_mode_returns_count_only()
    {
        var shared = Unique("shared", 23, seed: 11);

        var result = new TwoPartyRun().Run(
            ToSet([.. Unique("l", 70, seed: 12), .. shared], bound: 100),
            ToSet([.. Unique("s", 40, seed: 13), .. shared], bound: 100),
            PsiMode.Cardinality,
            chunkRecords: 17);

        Assert.Equal(23, result.Count);
        Assert.Empty(result.Items);
        Assert.Equal(PsiMode.Cardinality, result.Mode);
    }

    [Fact]
    public void Message_sizes_depend_only_on_bounds()
    {
        var sparse = new TwoPartyRun();
        var full = new TwoPartyRun();

        sparse.Run(ToSet(["one"], bound: 50), ToSet([], bound: 30), PsiMode.Intersection, chunkRecords: 8);
        full.Run(ToSet(Unique("l", 50, seed: 14), bound: 50), ToSet(Unique("s", 30, seed: 15), bound: 30), PsiMode.Intersection, chunkRecords: 8);

        Assert.Equal(32 * 50, sparse.LeaderSentBytes);
        Assert.Equal(32 * 50 + 16 * 30, sparse.SenderSentBytes);
        Assert.Equal(sparse.LeaderSentBytes, full.LeaderSentBytes);
        Assert.Equal(sparse.SenderSentBytes, full.SenderSentBytes);
        Assert.Equal(sparse.ChunkLengths, full.ChunkLengths);
    }

    [Fact]
    public void Streamed_evaluation_gives_same_output()
    {
        var shared = Unique("shared", 12, seed: 16);
        var receiver = new TwoPartyReceiver(ToSet([.. Unique("l", 30, seed: 17), .. shared], 50), "s", PsiMode.Intersection, senderBound: 40);
        var sender = new TwoPartySender(ToSet([.. Unique("s", 20, seed: 18), .. shared], 40), "s", PsiMode.Intersection, receiverBound: 50);
        foreach (var chunk in sender.TagChunks(7))
        {
            receiver.AcceptTagChunk(chunk.Span);
        }

        foreach (var chunk in receiver.BlindedChunks(7))
        {
            receiver.AcceptEvaluatedChunk(sender.EvaluateChunk(chunk.Span));
        }

        Assert.Equal(Sorted(shared), Texts(receiver.Finish()));
    }

    [Fact]
    public void Streamed_evaluation_rejected_in_cardinality_mode()
    {
        var sender = new TwoPartySender(ToSet(["a"], 1), "s", PsiMode.Cardinality, receiverBound: 1);
        var element = new byte[Ristretto255.ElementLength];
        Ristretto255.RandomElement(element);

        Assert.Throws<InvalidOperationException>(() => sender.EvaluateChunk(element));
    }

    [Fact]
    public void Receiver_rejects_partial_record()
    {
        var receiver = new TwoPartyReceiver(ToSet(["a"], 2), "s", PsiMode.Intersection, senderBound: 2);

        Assert.Throws<PsiProtocolException>(() => receiver.AcceptEvaluatedChunk(new byte[33]));
        Assert.Throws<PsiProtocolException>(() => receiver.AcceptTagChunk(new byte[15]));
    }

    [Fact]
    public void Receiver_rejects_incomplete_messages()
    {
        var receiver = new TwoPartyReceiver(ToSet(["a"], 2), "s", PsiMode.Intersection, senderBound: 2);
        var sender = new TwoPartySender(ToSet(["a"], 2), "s", PsiMode.Intersection, receiverBound: 2);
        foreach (var chunk in sender.TagChunks(10))
        {
            receiver.AcceptTagChunk(chunk.Span);
        }

        var error = Assert.Throws<PsiProtocolException>(receiver.Finish);

        Assert.Contains("0 of 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sender_rejects_list_over_bound()
    {
        var sender = new TwoPartySender(ToSet(["a"], 1), "s", PsiMode.Intersection, receiverBound: 1);
        var element = new byte[Ristretto255.ElementLength];
        Ristretto255.RandomElement(element);
        sender.AcceptBlindedChunk(element);

        Assert.Throws<PsiProtocolException>(() => sender.AcceptBlindedChunk(element));
    }

    [Fact]
    public void Sender_rejects_invalid_element()
    {
        var sender = new TwoPartySender(ToSet(["a"], 1), "s", PsiMode.Intersection, receiverBound: 1);

        Assert.Throws<PsiProtocolException>(() => sender.AcceptBlindedChunk(new byte[Ristretto255.ElementLength]));
    }

    [Fact]
    public void Different_sessions_do_not_match()
    {
        var receiver = new TwoPartyReceiver(ToSet(["a", "b"], 2), "session-1", PsiMode.Intersection, senderBound: 2);
        var sender = new TwoPartySender(ToSet(["a", "b"], 2), "session-2", PsiMode.Intersection, receiverBound: 2);
        foreach (var chunk in sender.TagChunks(10))
        {
            receiver.AcceptTagChunk(chunk.Span);
        }

        foreach (var chunk in receiver.BlindedChunks(10))
        {
            sender.AcceptBlindedChunk(chunk.Span);
        }

        foreach (var chunk in sender.EvaluatedChunks(10))
        {
            receiver.AcceptEvaluatedChunk(chunk.Span);
        }

        Assert.Equal(0, receiver.Finish().Count);
    }
}
