using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace MpcNetwork.Shared.Psi;

/// <summary>
/// A binned-polynomial oblivious key-value store over F_p (p = 2^61 − 1). Each bin is one
/// polynomial of degree β − 1 through exactly β points: the programmed (key, value + mask)
/// pairs of that bin plus random fillers. So the table shows neither how many items were
/// programmed nor how they spread over the bins.
/// </summary>
internal static class Okvs
{
    /// <summary>
    /// Returns the B·β coefficients (bin after bin, constant term first) of a table that maps
    /// each point's key to value + point mask.
    /// </summary>
    /// <exception cref="PsiProtocolException">A bin overflows, or two points of one bin share a key.</exception>
    public static ulong[] Encode(OkvsParameters parameters, IReadOnlyList<OkvsPoint> points, IReadOnlyList<ulong> values)
    {
        var binSize = parameters.BinSize;
        var binCount = parameters.BinCount;

        // Bucket the points: binMembers[b·β + slot] is an index into points.
        var binLoads = new int[binCount];
        var binMembers = new int[parameters.CoefficientCount];
        for (var i = 0; i < points.Count; i++)
        {
            var bin = points[i].Bin;
            if (binLoads[bin] == binSize)
            {
                // Probability at most 2^-40 for a set within its bound; dropping the item would be a silent false negative.
                throw new PsiProtocolException(
                    $"OKVS bin {bin} overflowed its {binSize} points. Retry the session; its fresh keys spread the items differently.");
            }

            binMembers[(bin * binSize) + binLoads[bin]] = i;
            binLoads[bin]++;
        }

        var coefficients = new ulong[parameters.CoefficientCount];
        try
        {
            InterpolateBins(binLoads, binMembers, points, values, binSize, coefficients);
        }
        catch (AggregateException exception) when (exception.InnerException is PsiProtocolException protocolException)
        {
            throw protocolException;
        }

        return coefficients;
    }

    private static void InterpolateBins(
        int[] binLoads, int[] binMembers, IReadOnlyList<OkvsPoint> points, IReadOnlyList<ulong> values, int binSize, ulong[] coefficients)
    {
        Parallel.ForEach(Partitioner.Create(0, binLoads.Length), range =>
        {
            var keys = new ulong[binSize];
            var targets = new ulong[binSize];
            var workspace = new InterpolationWorkspace(binSize);
            for (var bin = range.Item1; bin < range.Item2; bin++)
            {
                var load = binLoads[bin];
                for (var slot = 0; slot < load; slot++)
                {
                    var index = binMembers[(bin * binSize) + slot];
                    keys[slot] = points[index].Key;
                    targets[slot] = MersenneField.Add(values[index], points[index].Mask);
                }

                FillRandomPoints(keys, targets, load, bin);
                workspace.Interpolate(keys, targets, coefficients.AsSpan(bin * binSize, binSize), bin);
            }
        });
    }

    /// <summary>Returns the value programmed for <paramref name="point"/>, or a pseudorandom field element if none was.</summary>
    public static ulong Decode(ReadOnlySpan<ulong> coefficients, OkvsParameters parameters, OkvsPoint point)
    {
        var polynomial = coefficients.Slice(point.Bin * parameters.BinSize, parameters.BinSize);
        var result = 0UL;
        for (var i = polynomial.Length - 1; i >= 0; i--)
        {
            result = MersenneField.Add(MersenneField.Multiply(result, point.Key), polynomial[i]);
        }

        return MersenneField.Subtract(result, point.Mask);
    }

    /// <summary>Writes coefficients as 8-byte little-endian records.</summary>
    public static byte[] Serialize(ulong[] coefficients)
    {
        var bytes = new byte[coefficients.Length * sizeof(ulong)];
        for (var i = 0; i < coefficients.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)), coefficients[i]);
        }

        return bytes;
    }

    /// <summary>Reads 8-byte little-endian records into <paramref name="destination"/>, rejecting values outside F_p.</summary>
    public static void Deserialize(ReadOnlySpan<byte> chunk, Span<ulong> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var value = BinaryPrimitives.ReadUInt64LittleEndian(chunk[(i * sizeof(ulong))..]);
            if (value >= MersenneField.Modulus)
            {
                throw new PsiProtocolException("An OKVS coefficient is not a reduced field element.");
            }

            destination[i] = value;
        }
    }

    private static void FillRandomPoints(ulong[] keys, ulong[] targets, int load, int bin)
    {
        var fillerCount = keys.Length - load;
        if (fillerCount == 0)
        {
            return;
        }

        MersenneField.FillRandom(targets.AsSpan(load));
        var used = new HashSet<ulong>(keys.AsSpan(0, load).ToArray());
        if (used.Count != load)
        {
            throw new PsiProtocolException($"Two items share a key in OKVS bin {bin} (probability about β²/2^62 per bin). Retry the session.");
        }

        Span<ulong> candidate = stackalloc ulong[1];
        for (var slot = load; slot < keys.Length; slot++)
        {
            do
            {
                MersenneField.FillRandom(candidate);
            }
            while (!used.Add(candidate[0]));

            keys[slot] = candidate[0];
        }
    }

    /// <summary>Lagrange interpolation through β points in O(β²) field operations with one inversion.</summary>
    private sealed class InterpolationWorkspace(int size)
    {
        private readonly ulong[] _master = new ulong[size + 1];
        private readonly ulong[] _quotient = new ulong[size];
        private readonly ulong[] _weights = new ulong[size];
        private readonly ulong[] _prefix = new ulong[size];

        public void Interpolate(ulong[] keys, ulong[] targets, Span<ulong> coefficients, int bin)
        {
            // Master polynomial Π (X − x_k), coefficients from the constant term up.
            Array.Clear(_master);
            _master[0] = 1;
            for (var k = 0; k < size; k++)
            {
                var negated = MersenneField.Negate(keys[k]);
                for (var d = k + 1; d >= 1; d--)
                {
                    _master[d] = MersenneField.Add(_master[d - 1], MersenneField.Multiply(_master[d], negated));
                }

                _master[0] = MersenneField.Multiply(_master[0], negated);
            }

            // w_k = Π_{m≠k} (x_k − x_m), inverted together with Montgomery's trick.
            for (var k = 0; k < size; k++)
            {
                var weight = 1UL;
                for (var m = 0; m < size; m++)
                {
                    if (m != k)
                    {
                        weight = MersenneField.Multiply(weight, MersenneField.Subtract(keys[k], keys[m]));
                    }
                }

                if (weight == 0)
                {
                    throw new PsiProtocolException($"Two points share a key in OKVS bin {bin}. Retry the session.");
                }

                _weights[k] = weight;
            }

            InvertAll();

            coefficients.Clear();
            for (var k = 0; k < size; k++)
            {
                // Synthetic division: q(X) = master(X) / (X − x_k), from the top coefficient down.
                var carry = _master[size];
                for (var d = size - 1; d >= 0; d--)
                {
                    _quotient[d] = carry;
                    carry = MersenneField.Add(_master[d], MersenneField.Multiply(carry, keys[k]));
                }

                var scale = MersenneField.Multiply(targets[k], _weights[k]);
                for (var d = 0; d < size; d++)
                {
                    coefficients[d] = MersenneField.Add(coefficients[d], MersenneField.Multiply(scale, _quotient[d]));
                }
            }
        }

        private void InvertAll()
        {
            var running = 1UL;
            for (var k = 0; k < size; k++)
            {
                _prefix[k] = running;
                running = MersenneField.Multiply(running, _weights[k]);
            }

            var inverse = MersenneField.Invert(running);
            for (var k = size - 1; k >= 0; k--)
            {
                var weightInverse = MersenneField.Multiply(inverse, _prefix[k]);
                inverse = MersenneField.Multiply(inverse, _weights[k]);
                _weights[k] = weightInverse;
            }
        }
    }
}
