namespace MpcNetwork.Shared.Psi;

/// <summary>
/// Shape of a binned-polynomial OKVS for a given bound: the number of bins and the fixed number
/// of points (and so coefficients) per bin.
/// </summary>
public sealed record OkvsParameters
{
    /// <summary>Expected number of programmed items per bin.</summary>
    public const int MeanBinLoad = 32;

    /// <summary>log2 of the accepted probability that some bin overflows: 2^−40.</summary>
    public const int OverflowSecurityBits = 40;

    private OkvsParameters(int binCount, int binSize)
    {
        BinCount = binCount;
        BinSize = binSize;
    }

    /// <summary>Number of bins, B = ⌈M / 32⌉.</summary>
    public int BinCount { get; }

    /// <summary>Points per bin, β: the degree of each bin's polynomial plus one.</summary>
    public int BinSize { get; }

    /// <summary>Number of field elements in the table, B · β.</summary>
    public int CoefficientCount => BinCount * BinSize;

    /// <summary>Length of the table on the wire: 8 bytes per coefficient.</summary>
    public int ByteLength => CoefficientCount * sizeof(ulong);

    /// <summary>
    /// Returns the parameters for up to <paramref name="bound"/> programmed items: β is the
    /// smallest load with B · Pr[Binomial(M, 1/B) > β] ≤ 2^−40.
    /// </summary>
    public static OkvsParameters ForBound(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);

        var binCount = (bound + MeanBinLoad - 1) / MeanBinLoad;
        if (binCount == 1)
        {
            return new OkvsParameters(1, bound);
        }

        return new OkvsParameters(binCount, SmallestSafeBinSize(bound, binCount));
    }

    private static int SmallestSafeBinSize(int items, int bins)
    {
        // Log-probabilities of Binomial(items, 1/bins), built with pmf(k+1) = pmf(k)·(n−k)/(k+1)·q/(1−q).
        var q = 1.0 / bins;
        var logRatio = Math.Log(q) - double.LogP1(-q);
        var limit = Math.Min(items, (MeanBinLoad * 20) + 200);
        var logPmf = new double[limit + 1];
        logPmf[0] = items * double.LogP1(-q);
        for (var k = 0; k < limit; k++)
        {
            logPmf[k + 1] = logPmf[k] + Math.Log(items - k) - Math.Log(k + 1) + logRatio;
        }

        var target = (-OverflowSecurityBits * Math.Log(2)) - Math.Log(bins);

        // Tail mass above β, accumulated from the top; terms past the limit are far below 2^−40.
        var logTail = double.NegativeInfinity;
        for (var beta = limit - 1; beta >= 0; beta--)
        {
            logTail = LogAdd(logTail, logPmf[beta + 1]);
            if (logTail > target)
            {
                return Math.Min(beta + 1, items);
            }
        }

        return 1;
    }

    private static double LogAdd(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        var max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
