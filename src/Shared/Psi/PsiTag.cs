using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MpcNetwork.Shared.Psi;

/// <summary>
/// The 16-byte tag that the two-party protocol compares: the first 16 bytes of
/// SHA-512("MpcNetwork-PSI-v1 tag" ‖ element).
/// </summary>
public static class PsiTag
{
    /// <summary>Tag length in bytes.</summary>
    public const int Length = 16;

    private static readonly byte[] Label = "MpcNetwork-PSI-v1 tag"u8.ToArray();

    /// <summary>Computes the tag of an OPRF output element.</summary>
    public static UInt128 Compute(ReadOnlySpan<byte> element)
    {
        Span<byte> input = stackalloc byte[Label.Length + Ristretto255.ElementLength];
        Label.CopyTo(input);
        element.CopyTo(input[Label.Length..]);

        Span<byte> digest = stackalloc byte[SHA512.HashSizeInBytes];
        SHA512.HashData(input, digest);
        return Read(digest);
    }

    /// <summary>Reads a tag from its 16-byte wire form.</summary>
    public static UInt128 Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt128LittleEndian(source);

    /// <summary>Writes a tag in its 16-byte wire form.</summary>
    public static void Write(UInt128 tag, Span<byte> destination) => BinaryPrimitives.WriteUInt128LittleEndian(destination, tag);
}
