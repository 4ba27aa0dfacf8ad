namespace MpcNetwork.Tests.Privacy;

/// <summary>
/// Pearson's chi-square goodness-of-fit test with exact quantiles. The quantile comes from the
/// regularised upper incomplete gamma function Q(df/2, x/2) by bisection, in double precision.
/// </summary>
internal static class ChiSquare
{
    /// <summary>False-failure rate of every statistical assertion in the privacy tests.</summary>
    public const double Alpha = 1e-6;

    /// <summary>Smallest expected count of a cell; rarer values are pooled into tail cells.</summary>
    public const double MinimumExpected = 5;

    /// <summary>Returns the x with P(χ²_df > x) = <paramref name="alpha"/>.</summary>
    public static double Quantile(int degreesOfFreedom, double alpha = Alpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        double low = 0;
        double high = degreesOfFreedom + 10;
        for (var doubling = 0; doubling < 60 && UpperTail(degreesOfFreedom, high) > alpha; doubling++)
        {
            high *= 2;
        }

        for (var step = 0; step < 200; step++)
        {
            var middle = (low + high) / 2;
            if (UpperTail(degreesOfFreedom, middle) > alpha)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>Returns P(χ²_df > x) = Q(df/2, x/2).</summary>
    public static double UpperTail(int degreesOfFreedom, double x) => RegularisedUpperGamma(degreesOfFreedom / 2.0, x / 2);

    /// <summary>
    /// Tests integer samples against a pmf. Values from <paramref name="mode"/> outward get their
    /// own cell while their expected count is at least 5 and the rest of that side still expects at
    /// least 5. Each side's remainder is one pooled tail cell. <paramref name="leftTail"/>(k)
    /// returns P(X &lt; k).
    /// </summary>
    public static ChiSquareResult TestIntegers(IReadOnlyDictionary<long, long> observed, long sampleCount, Func<long, double> pmf, Func<long, double> leftTail, long mode = 0)
    {
        double Expected(long value) => pmf(value) * sampleCount;

        var low = mode;
        while (Expected(low - 1) >= MinimumExpected && leftTail(low - 1) * sampleCount >= MinimumExpected)
        {
            low--;
        }

        var high = mode;
        double RightTail(long value) => Math.Max(0, 1 - leftTail(value + 1));
        while (Expected(high + 1) >= MinimumExpected && RightTail(high + 1) * sampleCount >= MinimumExpected)
        {
            high++;
        }

        var expected = new List<double>();
        var counts = new List<long>();
        expected.Add(leftTail(low) * sampleCount);
        counts.Add(observed.Where(pair => pair.Key < low).Sum(pair => pair.Value));
        for (var value = low; value <= high; value++)
        {
            expected.Add(Expected(value));
            counts.Add(observed.GetValueOrDefault(value));
        }

        expected.Add(RightTail(high) * sampleCount);
        counts.Add(observed.Where(pair => pair.Key > high).Sum(pair => pair.Value));

        return TestCells(counts, expected);
    }

    /// <summary>Tests counts per category against expected counts; every expected count must be at least 5.</summary>
    public static ChiSquareResult TestCells(IReadOnlyList<long> counts, IReadOnlyList<double> expected)
    {
        var cells = counts.Zip(expected).Where(cell => cell.Second > 0).ToList();
        var statistic = cells.Sum(cell => (cell.First - cell.Second) * (cell.First - cell.Second) / cell.Second);
        var smallest = cells.Min(cell => cell.Second);
        var degreesOfFreedom = cells.Count - 1;
        return new ChiSquareResult(statistic, Quantile(degreesOfFreedom), degreesOfFreedom, smallest);
    }

    // Q(a, x) by the series for P when x < a + 1, otherwise by the continued fraction for Q
    // (modified Lentz), each to relative accuracy about 1e-15.
    private static double RegularisedUpperGamma(double a, double x)
    {
        if (x <= 0)
        {
            return 1;
        }

        var logPrefactor = (a * Math.Log(x)) - x - LogGamma(a);
        if (x < a + 1)
        {
            var term = 1 / a;
            var sum = term;
            for (var n = 1; n < 10_000 && Math.Abs(term) > Math.Abs(sum) * 1e-17; n++)
            {
                term *= x / (a + n);
                sum += term;
            }

            return 1 - (sum * Math.Exp(logPrefactor));
        }

        const double Tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 10_000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = b + (an / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-17)
            {
                break;
            }
        }

        return Math.Exp(logPrefactor) * h;
    }

    // Lanczos approximation (g = 7, 9 coefficients), accurate to about 1e-15 for a > 0.
    private static double LogGamma(double a)
    {
        double[] coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7,
        ];

        if (a < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * a))) - LogGamma(1 - a);
        }

        a -= 1;
        var sum = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++)
        {
            sum += coefficients[i] / (a + i);
        }

        var t = a + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((a + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}

/// <summary>A chi-square statistic, its critical value at α = 1e-6, and the smallest expected cell count.</summary>
internal readonly record struct ChiSquareResult(double Statistic, double Critical, int DegreesOfFreedom, double SmallestExpected)
{
    public override string ToString() =>
        $"chi-square {Statistic:F2} with {DegreesOfFreedom} degrees of freedom, critical value {Critical:F2} at alpha 1e-6, smallest expected count {SmallestExpected:F1}";
}
