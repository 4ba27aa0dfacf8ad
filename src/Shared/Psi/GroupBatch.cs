using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MpcNetwork.Shared.Psi;

/// <summary>
/// Hash-to-group and scalar multiplication over whole lists of 32-byte elements, spread over
/// all cores. libsodium's functions are thread safe, so ranges run independently.
/// </summary>
internal static class GroupBatch
{
    private const int RangeSize = 256;
    private const int ElementLength = Ristretto255.ElementLength;

    /// <summary>Writes Hg(items[i]) to output[32·i ..].</summary>
    public static void Hash(IReadOnlyList<byte[]> items, byte[] domainTag, byte[] output)
    {
        ForRanges(items.Count, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                HashToGroup.Hash(items[i], domainTag, output.AsSpan(i * ElementLength, ElementLength));
            }
        });
    }

    /// <summary>Writes scalar · input[i] to output[32·i ..] for <paramref name="count"/> elements; input and output may be the same array.</summary>
    /// <exception cref="PsiProtocolException">An element is invalid or a product is the identity.</exception>
    public static void Multiply(byte[] scalar, ReadOnlyMemory<byte> input, Memory<byte> output, int count)
    {
        ForRanges(count, (start, end) =>
        {
            var source = input.Span;
            var destination = output.Span;
            for (var i = start; i < end; i++)
            {
                var offset = i * ElementLength;
                if (!Ristretto255.TryMultiply(scalar, source.Slice(offset, ElementLength), destination.Slice(offset, ElementLength)))
                {
                    throw new PsiProtocolException(
                        $"Element {i} of the list is not a valid ristretto255 encoding, or its product is the identity.");
                }
            }
        });
    }

    /// <summary>Runs <paramref name="body"/> for 0 .. count − 1 over all cores, in ranges of 256.</summary>
    /// <exception cref="PsiProtocolException">The body raised it for some index.</exception>
    public static void ForEach(int count, Action<int> body)
    {
        ForRanges(count, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                body(i);
            }
        });
    }

    /// <summary>Returns a uniformly random permutation of 0 .. count − 1 (Fisher–Yates with the OS CSPRNG).</summary>
    public static int[] RandomPermutation(int count)
    {
        var permutation = new int[count];
        for (var i = 0; i < count; i++)
        {
            permutation[i] = i;
        }

        for (var i = count - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }

        return permutation;
    }

    private static void ForRanges(int count, Action<int, int> body)
    {
        if (count == 0)
        {
            return;
        }

        try
        {
            Parallel.ForEach(Partitioner.Create(0, count, RangeSize), range => body(range.Item1, range.Item2));
        }
        catch (AggregateException exception) when (exception.InnerException is PsiProtocolException protocolException)
        {
            throw protocolException;
        }
    }
}
