using System.Numerics;
using MpcNetwork.Shared.Privacy;
using MpcNetwork.Tests.Support;

namespace MpcNetwork.Tests.Privacy;

public class ExactSamplerTests
{
    private const int SampleCount = 120_000;

    [Theory]
    [InlineData(7UL)]
    [InlineData(10UL)]
    [InlineData(257UL)]
    public void UniformBelow_is_uniform(ulong bound)
    {
        var sampler = SeededBitSource.Sampler(bound);

        var counts = new long[bound];
        for (var i = 0; i < SampleCount; i++)
        {
            counts[sampler.UniformBelow(bound)]++;
        }

        var expected = Enumerable.Repeat((double)SampleCount / bound, (int)bound).ToArray();
        var result = ChiSquare.TestCells(counts, expected);
        Assert.True(result.Statistic < result.Critical, result.ToString());
    }

    [Fact]
    public void UniformBelow_big_bound_is_uniform()
    {
        // Three equal blocks of 2^64 values: the top block must get a third of the samples.
        var bound = 3 * (BigInteger.One << 64);
        var sampler = SeededBitSource.Sampler(5);

        var counts = new long[3];
        for (var i = 0; i < SampleCount; i++)
        {
            var value = sampler.UniformBelow(bound);
            Assert.True(value >= 0, $"{value} is negative");
            Assert.True(value < bound, $"{value} is not below {bound}");
            counts[(int)(value >> 64)]++;
        }

        var result = ChiSquare.TestCells(counts, [SampleCount / 3.0, SampleCount / 3.0, SampleCount / 3.0]);
        Assert.True(result.Statistic < result.Critical, result.ToString());
    }

    [Theory]
    [InlineData("0", 1.0)]
    [InlineData("1/3", 0.71653131057378925)]
    [InlineData("1", 0.36787944117144233)]
    [InlineData("5/2", 0.08208499862389880)]
    public void BernoulliExpMinus_has_probability_exp_minus_gamma(string gammaText, double probability)
    {
        var gamma = Rational.Parse(gammaText);
        var sampler = SeededBitSource.Sampler(17);

        var successes = 0L;
        for (var i = 0; i < SampleCount; i++)
        {
            successes += sampler.BernoulliExpMinus(gamma) ? 1 : 0;
        }

        Assert.Equal(Math.Exp(-gamma.ToDouble()), probability, 1e-15);
        if (probability == 1.0)
        {
            Assert.Equal(SampleCount, successes);
            return;
        }

        var result = ChiSquare.TestCells([successes, SampleCount - successes], [SampleCount * probability, SampleCount * (1 - probability)]);
        Assert.True(result.Statistic < result.Critical, result.ToString());
    }

    [Fact]
    public void Bernoulli_rejects_probability_above_one()
    {
        var sampler = SeededBitSource.Sampler(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Bernoulli(new Rational(3, 2)));
    }

    [Fact]
    public async Task Crypto_source_bytes_are_uniform_across_threads()
    {
        // Requests of 1 to 9 bytes cross the per-thread buffer's boundaries on two threads at once.
        var counts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var histogram = new long[256];
            var chunk = new byte[9];
            for (var i = 0; i < 30_000; i++)
            {
                var span = chunk.AsSpan(0, 1 + (i % 9));
                CryptoRandomBitSource.Instance.Fill(span);
                foreach (var value in span)
                {
                    histogram[value]++;
                }
            }

            return histogram;
        }))).Within();

        foreach (var histogram in counts)
        {
            var total = histogram.Sum();
            var result = ChiSquare.TestCells(histogram, Enumerable.Repeat(total / 256.0, 256).ToArray());
            Assert.True(result.Statistic < result.Critical, result.ToString());
        }
    }

    [Fact]
    public void Secure_sampler_draws_from_os()
    {
        var values = Enumerable.Range(0, 64).Select(_ => ExactSampler.Secure.UniformBelow(ulong.MaxValue)).Distinct().Count();

        Assert.Equal(64, values);
    }
}
