using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Tests.Unit;

public class AdditiveSharingTests
{
    public static TheoryData<long> EdgeValues => [0, -1, 1, long.MaxValue, long.MinValue, -1_000_000_000, 1_000_000_000];

    [Theory]
    [MemberData(nameof(EdgeValues))]
    public void Split_edge_values_reconstruct(long secret)
    {
        foreach (var count in new[] { 1, 2, 3, 10 })
        {
            var shares = AdditiveSharing.Split(unchecked((ulong)secret), count);

            Assert.Equal(count, shares.Length);
            Assert.Equal(secret, unchecked((long)AdditiveSharing.Reconstruct(shares)));
        }
    }

    [Fact]
    public void Split_random_values_reconstruct()
    {
        var random = new Random(20261204);
        for (var i = 0; i < 1000; i++)
        {
            var secret = random.NextInt64(long.MinValue, long.MaxValue);
            var shares = AdditiveSharing.Split(unchecked((ulong)secret), random.Next(2, 12));

            Assert.Equal(secret, unchecked((long)AdditiveSharing.Reconstruct(shares)));
        }
    }

    [Fact]
    public void Split_fixed_secret_gives_uniform_shares()
    {
        // Chi-square over the top 4 bits of one share of a fixed secret: 16 cells, 15 degrees of
        // freedom. 37.70 is the 0.999 quantile, so a correct splitter fails about once in 1000 runs
        // of this check.
        const int samples = 16_000;
        var cells = new int[16];
        for (var i = 0; i < samples; i++)
        {
            var shares = AdditiveSharing.Split(3800, 3);
            cells[shares[1] >> 60]++;
        }

        var expected = samples / 16.0;
        var chiSquare = cells.Sum(observed => (observed - expected) * (observed - expected) / expected);
        Assert.True(chiSquare < 37.70, $"chi-square {chiSquare:0.00} over 16 cells exceeds 37.70");
    }

    [Fact]
    public void Split_fixed_secret_gives_uniform_last_share()
    {
        // The share computed from the secret (index 0) must look uniform as well; check its low byte.
        const int samples = 25_600;
        var cells = new int[256];
        for (var i = 0; i < samples; i++)
        {
            cells[AdditiveSharing.Split(0, 2)[0] & 0xFF]++;
        }

        var expected = samples / 256.0;
        var chiSquare = cells.Sum(observed => (observed - expected) * (observed - expected) / expected);

        // 0.999 quantile of chi-square with 255 degrees of freedom.
        Assert.True(chiSquare < 330.5, $"chi-square {chiSquare:0.00} over 256 cells exceeds 330.5");
    }
}
