using System.Buffers.Binary;
using MpcNetwork.Shared.Privacy;

namespace MpcNetwork.Tests.Privacy;

/// <summary>
/// A deterministic byte source for tests: xoshiro256** seeded through SplitMix64, so one seed
/// always gives the same samples. It is predictable and must never feed real noise.
/// </summary>
internal sealed class SeededBitSource : IRandomBitSource
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SeededBitSource(ulong seed)
    {
        _s0 = SplitMix64(ref seed);
        _s1 = SplitMix64(ref seed);
        _s2 = SplitMix64(ref seed);
        _s3 = SplitMix64(ref seed);
    }

    public static ExactSampler Sampler(ulong seed) => new(new SeededBitSource(seed));

    public void Fill(Span<byte> destination)
    {
        Span<byte> word = stackalloc byte[8];
        while (destination.Length > 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(word, Next());
            var count = Math.Min(8, destination.Length);
            word[..count].CopyTo(destination);
            destination = destination[count..];
        }
    }

    private ulong Next()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
