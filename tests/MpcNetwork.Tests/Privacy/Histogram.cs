using System.Numerics;

namespace MpcNetwork.Tests.Privacy;

internal static class Histogram
{
    /// <summary>Draws <paramref name="sampleCount"/> integers and counts each value.</summary>
    public static Dictionary<long, long> Of(int sampleCount, Func<BigInteger> draw)
    {
        var counts = new Dictionary<long, long>();
        for (var i = 0; i < sampleCount; i++)
        {
            var value = (long)draw();
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        return counts;
    }
}
