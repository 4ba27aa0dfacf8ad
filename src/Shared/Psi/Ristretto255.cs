namespace MpcNetwork.Shared.Psi;

/// <summary>
/// ristretto255 (RFC 9496) group operations on 32-byte canonical encodings, through libsodium.
/// Scalars are 32-byte little-endian integers below the group order ℓ.
/// </summary>
public static unsafe class Ristretto255
{
    /// <summary>Length of an encoded group element in bytes.</summary>
    public const int ElementLength = 32;

    /// <summary>Length of an encoded scalar in bytes.</summary>
    public const int ScalarLength = 32;

    /// <summary>Length of the uniform input to <see cref="FromUniformBytes"/> in bytes.</summary>
    public const int UniformLength = 64;

    static Ristretto255() => Sodium.EnsureInitialized();

    /// <summary>Maps 64 uniform bytes to a group element (RFC 9496 element derivation).</summary>
    public static void FromUniformBytes(ReadOnlySpan<byte> uniform, Span<byte> element)
    {
        CheckLength(uniform, UniformLength, nameof(uniform));
        CheckLength(element, ElementLength, nameof(element));

        fixed (byte* input = uniform)
        fixed (byte* output = element)
        {
            if (Sodium.crypto_core_ristretto255_from_hash(output, input) != 0)
            {
                throw new PsiProtocolException("ristretto255 element derivation failed in libsodium.");
            }
        }
    }

    /// <summary>Returns whether <paramref name="element"/> is a canonical ristretto255 encoding; the identity counts as valid.</summary>
    public static bool IsValidElement(ReadOnlySpan<byte> element)
    {
        if (element.Length != ElementLength)
        {
            return false;
        }

        fixed (byte* input = element)
        {
            return Sodium.crypto_core_ristretto255_is_valid_point(input) == 1;
        }
    }

    /// <summary>Writes a uniformly random group element.</summary>
    public static void RandomElement(Span<byte> element)
    {
        CheckLength(element, ElementLength, nameof(element));
        fixed (byte* output = element)
        {
            Sodium.crypto_core_ristretto255_random(output);
        }
    }

    /// <summary>Returns a fresh uniformly random non-zero scalar from libsodium's CSPRNG.</summary>
    public static byte[] RandomScalar()
    {
        var scalar = new byte[ScalarLength];
        fixed (byte* output = scalar)
        {
            Sodium.crypto_core_ristretto255_scalar_random(output);
        }

        return scalar;
    }

    /// <summary>Returns the inverse of <paramref name="scalar"/> modulo ℓ.</summary>
    public static byte[] InvertScalar(ReadOnlySpan<byte> scalar)
    {
        CheckLength(scalar, ScalarLength, nameof(scalar));
        var inverse = new byte[ScalarLength];
        fixed (byte* input = scalar)
        fixed (byte* output = inverse)
        {
            if (Sodium.crypto_core_ristretto255_scalar_invert(output, input) != 0)
            {
                throw new ArgumentException("The scalar 0 has no inverse.", nameof(scalar));
            }
        }

        return inverse;
    }

    /// <summary>Computes scalar · element.</summary>
    /// <exception cref="PsiProtocolException">
    /// The element is not a canonical ristretto255 encoding, or the result is the identity.
    /// </exception>
    public static void Multiply(ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> element, Span<byte> result)
    {
        if (!TryMultiply(scalar, element, result))
        {
            throw new PsiProtocolException(
                "Scalar multiplication failed: the element is not a canonical ristretto255 encoding or the result is the identity.");
        }
    }

    /// <summary>Computes scalar · element; returns false for an invalid element or an identity result.</summary>
    public static bool TryMultiply(ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> element, Span<byte> result)
    {
        CheckLength(scalar, ScalarLength, nameof(scalar));
        CheckLength(element, ElementLength, nameof(element));
        CheckLength(result, ElementLength, nameof(result));

        fixed (byte* n = scalar)
        fixed (byte* p = element)
        fixed (byte* q = result)
        {
            return Sodium.crypto_scalarmult_ristretto255(q, n, p) == 0;
        }
    }

    /// <summary>Computes scalar · B for the standard generator B.</summary>
    public static void MultiplyBase(ReadOnlySpan<byte> scalar, Span<byte> result)
    {
        CheckLength(scalar, ScalarLength, nameof(scalar));
        CheckLength(result, ElementLength, nameof(result));

        fixed (byte* n = scalar)
        fixed (byte* q = result)
        {
            if (Sodium.crypto_scalarmult_ristretto255_base(q, n) != 0)
            {
                throw new ArgumentException("The scalar is 0 modulo the group order.", nameof(scalar));
            }
        }
    }

    private static void CheckLength(ReadOnlySpan<byte> buffer, int expected, string name)
    {
        if (buffer.Length != expected)
        {
            throw new ArgumentException($"Expected {expected} bytes; got {buffer.Length}.", name);
        }
    }
}
