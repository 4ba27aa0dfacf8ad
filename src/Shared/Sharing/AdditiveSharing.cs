using System.Security.Cryptography;

namespace MpcNetwork.Shared.Sharing;

/// <summary>
/// Additive secret sharing in the ring Z_2^64: a secret s is split into n shares that are
/// uniformly random subject to s = share_1 + ... + share_n (mod 2^64). Any n-1 shares are
/// independent of s. Arithmetic on <see cref="ulong"/> wraps, which is exactly the ring.
/// </summary>
public static class AdditiveSharing
{
    /// <summary>Splits <paramref name="secret"/> into <paramref name="shareCount"/> shares drawn from a CSPRNG.</summary>
    public static ulong[] Split(ulong secret, int shareCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shareCount, 1);

        var shares = new ulong[shareCount];
        RandomNumberGenerator.Fill(System.Runtime.InteropServices.MemoryMarshal.AsBytes(shares.AsSpan(1)));

        var last = secret;
        for (var i = 1; i < shareCount; i++)
        {
            last -= shares[i];
        }

        shares[0] = last;
        return shares;
    }

    /// <summary>Returns the sum of the shares in Z_2^64.</summary>
    public static ulong Reconstruct(ReadOnlySpan<ulong> shares)
    {
        ulong sum = 0;
        foreach (var share in shares)
        {
            sum += share;
        }

        return sum;
    }
}
