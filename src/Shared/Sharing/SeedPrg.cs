using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace MpcNetwork.Shared.Sharing;

/// <summary>
/// Expands a 32-byte seed into a stream of ring elements with AES-256 in counter mode.
/// Two nodes that hold the same seed derive the same share for every round, so a node ships
/// one seed per peer per session instead of one share vector per peer per round.
/// </summary>
/// <remarks>
/// Counter block layout (16 bytes): round (int32, little-endian), four zero bytes, then the
/// block index (uint64, little-endian). A seed is fresh per session, peer and direction, so a
/// (key, counter) pair is never reused.
/// </remarks>
public static class SeedPrg
{
    /// <summary>Seed length in bytes (an AES-256 key).</summary>
    public const int SeedLength = 32;

    private const int BlocksPerBatch = 4096;
    private const int BlockSize = 16;

    /// <summary>Returns a fresh seed from the operating system's CSPRNG.</summary>
    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(SeedLength);

    /// <summary>Writes the seed's expansion for <paramref name="round"/> into <paramref name="destination"/>.</summary>
    public static void Expand(ReadOnlySpan<byte> seed, int round, Span<ulong> destination)
    {
        destination.Clear();
        Accumulate(seed, round, destination, subtract: false);
    }

    /// <summary>
    /// Adds (or subtracts) the seed's expansion for <paramref name="round"/> to each element of
    /// <paramref name="accumulator"/>, modulo 2^64.
    /// </summary>
    public static void Accumulate(ReadOnlySpan<byte> seed, int round, Span<ulong> accumulator, bool subtract)
    {
        if (seed.Length != SeedLength)
        {
            throw new ArgumentException($"A PRG seed must be {SeedLength} bytes long; got {seed.Length}.", nameof(seed));
        }

        using var aes = Aes.Create();
        aes.Key = seed.ToArray();

        const int wordsPerBlock = BlockSize / sizeof(ulong);

        // Buffers hold one batch at most, and no more than the vector needs.
        var batchBytes = Math.Min(BlocksPerBatch, (accumulator.Length + wordsPerBlock - 1) / wordsPerBlock) * BlockSize;
        var counters = new byte[batchBytes];
        var keystream = new byte[batchBytes];
        var keystreamWords = MemoryMarshal.Cast<byte, ulong>(keystream.AsSpan());

        ulong blockIndex = 0;
        var position = 0;
        while (position < accumulator.Length)
        {
            var wordsLeft = accumulator.Length - position;
            var blocks = Math.Min(BlocksPerBatch, (wordsLeft + wordsPerBlock - 1) / wordsPerBlock);
            for (var b = 0; b < blocks; b++)
            {
                var block = counters.AsSpan(b * BlockSize, BlockSize);
                BinaryPrimitives.WriteInt32LittleEndian(block, round);
                BinaryPrimitives.WriteUInt32LittleEndian(block[4..], 0);
                BinaryPrimitives.WriteUInt64LittleEndian(block[8..], blockIndex + (ulong)b);
            }

            aes.EncryptEcb(counters.AsSpan(0, blocks * BlockSize), keystream.AsSpan(0, blocks * BlockSize), PaddingMode.None);

            var words = Math.Min(wordsLeft, blocks * wordsPerBlock);
            var target = accumulator.Slice(position, words);
            for (var i = 0; i < words; i++)
            {
                var word = BitConverter.IsLittleEndian ? keystreamWords[i] : BinaryPrimitives.ReverseEndianness(keystreamWords[i]);
                target[i] = subtract ? target[i] - word : target[i] + word;
            }

            position += words;
            blockIndex += (ulong)blocks;
        }
    }
}
