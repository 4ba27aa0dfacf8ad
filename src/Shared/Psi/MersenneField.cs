using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace MpcNetwork.Shared.Psi;

/// <summary>Arithmetic in the prime field F_p with p = 2^61 − 1; elements are ulongs in [0, p).</summary>
internal static class MersenneField
{
    public const ulong Modulus = (1UL << 61) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong a, ulong b)
    {
        var sum = a + b;
        return sum >= Modulus ? sum - Modulus : sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Subtract(ulong a, ulong b) => a >= b ? a - b : a + Modulus - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Negate(ulong a) => a == 0 ? 0 : Modulus - a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Multiply(ulong a, ulong b)
    {
        // a·b < 2^122 = high·2^64 + low, and 2^64 ≡ 2^3 (mod p), so fold the bits above 61 back in.
        var high = Math.BigMul(a, b, out var low);
        var folded = (low & Modulus) + ((low >> 61) | (high << 3));
        folded = (folded & Modulus) + (folded >> 61);
        return folded >= Modulus ? folded - Modulus : folded;
    }

    /// <summary>Returns a^(p−2) = a^(−1); the caller guarantees a ≠ 0.</summary>
    public static ulong Invert(ulong a)
    {
        var result = 1UL;
        var power = a;
        var exponent = Modulus - 2;
        while (exponent != 0)
        {
            if ((exponent & 1) != 0)
            {
                result = Multiply(result, power);
            }

            power = Multiply(power, power);
            exponent >>= 1;
        }

        return result;
    }

    /// <summary>Reduces any 64-bit value into [0, p); its distance from uniform is about 2^−61.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Reduce(ulong value)
    {
        var folded = (value & Modulus) + (value >> 61);
        return folded >= Modulus ? folded - Modulus : folded;
    }

    /// <summary>Fills <paramref name="destination"/> with uniform field elements from the OS CSPRNG.</summary>
    public static void FillRandom(Span<ulong> destination)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        for (var i = 0; i < destination.Length; i++)
        {
            // Rejection sampling on 61 bits keeps the distribution exactly uniform.
            ulong candidate;
            do
            {
                RandomNumberGenerator.Fill(bytes);
                candidate = BitConverter.ToUInt64(bytes) & Modulus;
            }
            while (candidate == Modulus);

            destination[i] = candidate;
        }
    }
}
