using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MpcNetwork.Shared.Psi;

/// <summary>
/// Where an OPRF output lands in an OKVS: its bin, its key in F_p and the mask added to its
/// value, all from SHA-512(label ‖ element).
/// </summary>
internal readonly record struct OkvsPoint(int Bin, ulong Key, ulong Mask)
{
    /// <summary>Label of the zero-sharing tables that every party sends to every other.</summary>
    public static readonly byte[] ZeroShareLabel = "MpcNetwork-PSI-v1 okvs zs"u8.ToArray();

    /// <summary>Label of the reconstruction tables that the non-leaders send to the leader.</summary>
    public static readonly byte[] ReconstructionLabel = "MpcNetwork-PSI-v1 okvs rec"u8.ToArray();

    public static OkvsPoint Derive(ReadOnlySpan<byte> label, ReadOnlySpan<byte> element, int binCount)
    {
        Span<byte> input = stackalloc byte[label.Length + element.Length];
        label.CopyTo(input);
        element.CopyTo(input[label.Length..]);

        Span<byte> digest = stackalloc byte[SHA512.HashSizeInBytes];
        SHA512.HashData(input, digest);

        // 64 random bits reduced modulo the bin count: the bias is below binCount / 2^64.
        var bin = (int)(BinaryPrimitives.ReadUInt64LittleEndian(digest) % (ulong)binCount);
        var key = MersenneField.Reduce(BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]));
        var mask = MersenneField.Reduce(BinaryPrimitives.ReadUInt64LittleEndian(digest[16..]));
        return new OkvsPoint(bin, key, mask);
    }
}
