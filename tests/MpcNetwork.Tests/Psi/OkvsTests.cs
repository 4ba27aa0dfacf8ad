using System.Numerics;
using System.Security.Cryptography;
using MpcNetwork.Shared.Psi;

namespace MpcNetwork.Tests.Psi;

public class OkvsTests
{
    [Fact]
    public void Field_multiply_matches_biginteger()
    {
        var random = new Random(81);
        var modulus = (BigInteger)MersenneField.Modulus;
        for (var i = 0; i < 10_000; i++)
        {
            var a = (ulong)random.NextInt64((long)MersenneField.Modulus);
            var b = i == 0 ? MersenneField.Modulus - 1 : (ulong)random.NextInt64((long)MersenneField.Modulus);

            Assert.Equal((ulong)(a * (BigInteger)b % modulus), MersenneField.Multiply(a, b));
        }
    }

    [Fact]
    public void Field_invert_gives_one()
    {
        var random = new Random(82);
        for (var i = 0; i < 100; i++)
        {
            var a = (ulong)random.NextInt64(1, (long)MersenneField.Modulus);

            Assert.Equal(1UL, MersenneField.Multiply(a, MersenneField.Invert(a)));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(1000)]
    [InlineData(20_000)]
    public void Decode_returns_programmed_values(int count)
    {
        var parameters = OkvsParameters.ForBound(count);
        var points = new OkvsPoint[count];
        var values = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            points[i] = OkvsPoint.Derive(OkvsPoint.ZeroShareLabel, RandomNumberGenerator.GetBytes(32), parameters.BinCount);
            values[i] = (ulong)i * 7919;
        }

        var table = Okvs.Encode(parameters, points, values);

        Assert.Equal(parameters.CoefficientCount, table.Length);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(values[i], Okvs.Decode(table, parameters, points[i]));
        }
    }

    [Fact]
    public void Decode_at_other_point_differs()
    {
        var parameters = OkvsParameters.ForBound(100);
        var points = new OkvsPoint[100];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = OkvsPoint.Derive(OkvsPoint.ZeroShareLabel, RandomNumberGenerator.GetBytes(32), parameters.BinCount);
        }

        var table = Okvs.Encode(parameters, points, new ulong[100]);
        var outsiders = Enumerable.Range(0, 100)
            .Select(_ => OkvsPoint.Derive(OkvsPoint.ZeroShareLabel, RandomNumberGenerator.GetBytes(32), parameters.BinCount))
            .Count(point => Okvs.Decode(table, parameters, point) == 0);

        Assert.Equal(0, outsiders);
    }

    [Fact]
    public void Encode_rejects_overflowing_bin()
    {
        var parameters = OkvsParameters.ForBound(100);
        var crowded = Enumerable.Range(0, parameters.BinSize + 1).Select(i => new OkvsPoint(0, (ulong)i + 1, 0)).ToArray();

        Assert.Throws<PsiProtocolException>(() => Okvs.Encode(parameters, crowded, new ulong[crowded.Length]));
    }

    [Fact]
    public void Encode_rejects_repeated_key()
    {
        var parameters = OkvsParameters.ForBound(100);
        OkvsPoint[] repeated = [new(0, 5, 0), new(0, 5, 1)];

        Assert.Throws<PsiProtocolException>(() => Okvs.Encode(parameters, repeated, new ulong[2]));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(32, 1, 32)]
    [InlineData(100_000, 3_125, 88)]
    [InlineData(1_000_000, 31_250, 90)]
    public void Parameters_for_bound(int bound, int bins, int binSize)
    {
        var parameters = OkvsParameters.ForBound(bound);

        Assert.Equal(bins, parameters.BinCount);
        Assert.Equal(binSize, parameters.BinSize);
    }
}
