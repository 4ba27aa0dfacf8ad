using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Tests.Unit;

public class SeedPrgTests
{
    [Fact]
    public void Same_seed_and_round_expand_identically()
    {
        var seed = SeedPrg.NewSeed();
        var first = new ulong[1000];
        var second = new ulong[1000];

        SeedPrg.Expand(seed, 3, first);
        SeedPrg.Expand(seed, 3, second);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Different_rounds_and_seeds_expand_differently()
    {
        var seed = SeedPrg.NewSeed();
        var round0 = new ulong[16];
        var round1 = new ulong[16];
        var otherSeed = new ulong[16];

        SeedPrg.Expand(seed, 0, round0);
        SeedPrg.Expand(seed, 1, round1);
        SeedPrg.Expand(SeedPrg.NewSeed(), 0, otherSeed);

        Assert.NotEqual(round0, round1);
        Assert.NotEqual(round0, otherSeed);
    }

    [Fact]
    public void Prefix_of_longer_expansion_matches_shorter()
    {
        // The expansion is a stream: a vector's first elements do not depend on its length,
        // including across the internal batch boundary (4096 blocks = 8192 elements).
        var seed = SeedPrg.NewSeed();
        var shorter = new ulong[8193];
        var longer = new ulong[20000];

        SeedPrg.Expand(seed, 0, shorter);
        SeedPrg.Expand(seed, 0, longer);

        Assert.Equal(shorter, longer[..8193]);
    }

    [Fact]
    public void Accumulate_add_then_subtract_restores_vector()
    {
        var seed = SeedPrg.NewSeed();
        ulong[] values = [0, 1, ulong.MaxValue, 42];
        var copy = (ulong[])values.Clone();

        SeedPrg.Accumulate(seed, 7, copy, subtract: false);
        Assert.NotEqual(values, copy);
        SeedPrg.Accumulate(seed, 7, copy, subtract: true);

        Assert.Equal(values, copy);
    }

    [Fact]
    public void Accumulate_rejects_wrong_seed_length()
    {
        var error = Assert.Throws<ArgumentException>(() => SeedPrg.Accumulate(new byte[16], 0, new ulong[1], subtract: false));

        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
    }
}
