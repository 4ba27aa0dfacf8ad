using System.Security.Cryptography;
using System.Text;

namespace MpcNetwork.Shared.Psi;

/// <summary>
/// RFC 9380 hashing to ristretto255 (suite <c>ristretto255_XMD:SHA-512_R255MAP_RO_</c>):
/// expand_message_xmd with SHA-512 to 64 bytes, then RFC 9496 element derivation.
/// </summary>
public static class HashToGroup
{
    /// <summary>Prefix of every PSI domain-separation tag; the session id follows it.</summary>
    public const string TagPrefix = "MpcNetwork-PSI-v1:";

    private const int HashLength = 64;
    private const int BlockLength = 128;
    private const int MaxTagLength = 255;
    private static readonly byte[] OversizeTagPrefix = Encoding.ASCII.GetBytes("H2C-OVERSIZE-DST-");

    /// <summary>Returns the domain-separation tag for one PSI session: the prefix, then the session id in UTF-8.</summary>
    public static byte[] SessionTag(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return Encoding.UTF8.GetBytes(TagPrefix + sessionId);
    }

    /// <summary>Hashes <paramref name="message"/> to a ristretto255 element under the tag <paramref name="domainTag"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> message, ReadOnlySpan<byte> domainTag, Span<byte> element)
    {
        Span<byte> uniform = stackalloc byte[Ristretto255.UniformLength];
        ExpandMessageXmd(message, domainTag, uniform);
        Ristretto255.FromUniformBytes(uniform, element);
    }

    /// <summary>
    /// Fills <paramref name="output"/> with expand_message_xmd (RFC 9380 §5.3.1) over SHA-512.
    /// A tag over 255 bytes is first reduced as RFC 9380 §5.3.3 prescribes.
    /// </summary>
    public static void ExpandMessageXmd(ReadOnlySpan<byte> message, ReadOnlySpan<byte> domainTag, Span<byte> output)
    {
        var blockCount = (output.Length + HashLength - 1) / HashLength;
        if (output.Length is 0 or > ushort.MaxValue || blockCount > 255)
        {
            throw new ArgumentException($"expand_message_xmd with SHA-512 produces 1 to {255 * HashLength} bytes; {output.Length} requested.", nameof(output));
        }

        if (domainTag.IsEmpty)
        {
            throw new ArgumentException("The domain-separation tag must not be empty.", nameof(domainTag));
        }

        if (domainTag.Length > MaxTagLength)
        {
            domainTag = SHA512.HashData([.. OversizeTagPrefix, .. domainTag]);
        }

        // DST_prime = DST ‖ I2OSP(len(DST), 1)
        Span<byte> tagPrime = stackalloc byte[domainTag.Length + 1];
        domainTag.CopyTo(tagPrime);
        tagPrime[^1] = (byte)domainTag.Length;

        Span<byte> lengthAndZero = [(byte)(output.Length >> 8), (byte)output.Length, 0];
        Span<byte> zeroBlock = stackalloc byte[BlockLength];
        zeroBlock.Clear();

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);

        // b_0 = H(Z_pad ‖ msg ‖ l_i_b_str ‖ I2OSP(0, 1) ‖ DST_prime)
        Span<byte> b0 = stackalloc byte[HashLength];
        hash.AppendData(zeroBlock);
        hash.AppendData(message);
        hash.AppendData(lengthAndZero);
        hash.AppendData(tagPrime);
        hash.GetHashAndReset(b0);

        // b_1 = H(b_0 ‖ I2OSP(1, 1) ‖ DST_prime); b_i = H(strxor(b_0, b_(i-1)) ‖ I2OSP(i, 1) ‖ DST_prime)
        Span<byte> previous = stackalloc byte[HashLength];
        Span<byte> chained = stackalloc byte[HashLength];
        Span<byte> counter = stackalloc byte[1];
        for (var i = 1; i <= blockCount; i++)
        {
            if (i == 1)
            {
                b0.CopyTo(chained);
            }
            else
            {
                for (var j = 0; j < HashLength; j++)
                {
                    chained[j] = (byte)(b0[j] ^ previous[j]);
                }
            }

            counter[0] = (byte)i;
            hash.AppendData(chained);
            hash.AppendData(counter);
            hash.AppendData(tagPrime);
            hash.GetHashAndReset(previous);

            var offset = (i - 1) * HashLength;
            var count = Math.Min(HashLength, output.Length - offset);
            previous[..count].CopyTo(output[offset..]);
        }
    }
}
