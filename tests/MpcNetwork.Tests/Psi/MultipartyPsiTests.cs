using MpcNetwork.Shared.Psi;
using static MpcNetwork.Tests.Psi.PsiTestSets;

namespace MpcNetwork.Tests.Psi;

public class MultipartyPsiTests
{
    [Fact]
    public void Three_parties_give_exact_intersection()
    {
        var all = Unique("all", 25, seed: 21);
        var ab = Unique("ab", 30, seed: 22);
        var ac = Unique("ac", 30, seed: 23);
        var bc = Unique("bc", 30, seed: 24);
        var a = Unique("a", 100, seed: 25);
        var b = Unique("b", 60, seed: 26);
        var c = Unique("c", 10, seed: 27);

        var result = new MultipartyRun().Run(
            [
                ToSet([.. a, .. ab, .. ac, .. all], bound: 200),
                ToSet([.. b, .. ab, .. bc, .. all], bound: 150),
                ToSet([.. c, .. ac, .. bc, .. all], bound: 100),
            ],
            leader: 0,
            chunkRecords: 50);
        var output = Texts(result);

        Assert.Equal(Sorted(all), output);
        Assert.DoesNotContain(output, ab.Contains);
        Assert.DoesNotContain(output, ac.Contains);
        Assert.DoesNotContain(output, bc.Contains);
    }

    [Fact]
    public void Four_parties_with_last_as_leader()
    {
        var all = Unique("all", 9, seed: 31);
        var three = Unique("three", 12, seed: 32);

        var result = new MultipartyRun().Run(
            [
                ToSet([.. Unique("p0", 40, seed: 33), .. three, .. all], bound: 64),
                ToSet([.. Unique("p1", 20, seed: 34), .. three, .. all], bound: 64),
                ToSet([.. Unique("p2", 5, seed: 35), .. three, .. all], bound: 64),
                ToSet([.. Unique("p3", 30, seed: 36), .. all], bound: 48),
            ],
            leader: 3);

        Assert.Equal(Sorted(all), Texts(result));
    }

    [Fact]
    public void Items_in_all_but_leader_never_appear()
    {
        var others = Unique("others", 20, seed: 41);
        var all = Unique("all", 3, seed: 42);

        var result = new MultipartyRun().Run(
            [
                ToSet([.. Unique("leader", 20, seed: 43), .. all], bound: 30),
                ToSet([.. others, .. all], bound: 30),
                ToSet([.. others, .. all], bound: 30),
            ],
            leader: 0);

        Assert.Equal(Sorted(all), Texts(result));
    }

    [Fact]
    public void Duplicates_count_once()
    {
        var result = new MultipartyRun().Run(
            [ToSet(["x", "x", "y"], 4), ToSet(["x", " x", "z"], 4), ToSet(["x", "y", "x "], 4)],
            leader: 1);

        Assert.Equal(["x"], Texts(result));
    }

    [Fact]
    public void Empty_set_gives_empty_output()
    {
        var shared = Unique("s", 10, seed: 51);

        var emptyLeader = new MultipartyRun().Run([ToSet([], 10), ToSet(shared, 10), ToSet(shared, 10)], leader: 0);
        var emptyOther = new MultipartyRun().Run([ToSet(shared, 10), ToSet(shared, 10), ToSet([], 10)], leader: 0);

        Assert.Empty(emptyLeader.Items);
        Assert.Empty(emptyOther.Items);
    }

    [Fact]
    public void Nested_sets_give_the_smallest()
    {
        var small = Unique("small", 8, seed: 61);
        var middle = Unique("middle", 30, seed: 62).Concat(small).ToList();
        var large = Unique("large", 60, seed: 63).Concat(middle).ToList();

        var result = new MultipartyRun().Run([ToSet(large, 100), ToSet(small, 8), ToSet(middle, 40)], leader: 1);

        Assert.Equal(Sorted(small), Texts(result));
    }

    [Fact]
    public void Message_sizes_depend_only_on_bounds()
    {
        var sparse = new MultipartyRun();
        var full = new MultipartyRun();

        sparse.Run([ToSet(["a"], 70), ToSet([], 40), ToSet(["a"], 100)], leader: 1, chunkRecords: 16);
        full.Run(
            [ToSet(Unique("a", 70, seed: 71), 70), ToSet(Unique("b", 40, seed: 72), 40), ToSet(Unique("c", 100, seed: 73), 100)],
            leader: 1,
            chunkRecords: 16);

        Assert.Equal(sparse.SentBytes, full.SentBytes);
        Assert.All(sparse.SentBytes, bytes => Assert.True(bytes > 0));
    }

    [Fact]
    public void Party_sends_the_documented_sizes()
    {
        int[] bounds = [70, 40, 100];
        var run = new MultipartyRun();

        run.Run([ToSet(["a"], bounds[0]), ToSet(["b"], bounds[1]), ToSet(["c"], bounds[2])], leader: 1);

        // Party 0 sends R1 to two parties, R2a for both others, R2b to two parties and R3 to the leader.
        var table = OkvsParameters.ForBound(bounds[0]).ByteLength;
        var expected = (2 * 32 * bounds[0]) + (32 * bounds[1]) + (32 * bounds[2]) + (2 * table) + table;
        Assert.Equal(expected, run.SentBytes[0]);
    }

    [Fact]
    public void ChooseLeader_takes_smallest_recipient_bound()
    {
        int[] bounds = [50, 10, 10, 5];

        Assert.Equal(1, MultipartyPsiParty.ChooseLeader(bounds, [0, 1, 2]));
        Assert.Equal(3, MultipartyPsiParty.ChooseLeader(bounds, [0, 3]));
        Assert.Equal(0, MultipartyPsiParty.ChooseLeader(bounds, [0]));
        Assert.Throws<ArgumentException>(() => MultipartyPsiParty.ChooseLeader(bounds, [7]));
    }

    [Fact]
    public void Cardinality_mode_is_rejected()
    {
        Assert.Throws<NotSupportedException>(
            () => new MultipartyPsiParty(0, [5, 5, 5], 0, ToSet(["a"], 5), "s", PsiMode.Cardinality));
    }

    [Fact]
    public void Single_party_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new MultipartyPsiParty(0, [5], 0, ToSet(["a"], 5), "s", PsiMode.Intersection));
    }

    [Fact]
    public void Leader_rejects_missing_reconstruction()
    {
        var leader = new MultipartyPsiParty(0, [3, 3, 3], 0, ToSet(["a"], 3), "s", PsiMode.Intersection);

        Assert.Throws<PsiProtocolException>(leader.Finish);
    }

    [Fact]
    public void Table_chunk_over_size_is_rejected()
    {
        var party = new MultipartyPsiParty(0, [3, 3, 3], 0, ToSet(["a"], 3), "s", PsiMode.Intersection);
        var tooLong = new byte[(OkvsParameters.ForBound(3).CoefficientCount + 1) * sizeof(ulong)];

        Assert.Throws<PsiProtocolException>(() => party.AcceptZeroShareTableChunk(1, tooLong));
    }
}
