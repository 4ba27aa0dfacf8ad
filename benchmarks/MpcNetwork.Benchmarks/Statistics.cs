namespace MpcNetwork.Benchmarks;

/// <summary>Median and 95th percentile of a set of timings, in milliseconds.</summary>
internal sealed record Timing(double MedianMs, double P95Ms, int Count)
{
    public static Timing Of(IReadOnlyCollection<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return new Timing(Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted.Length);
    }

    // Nearest-rank percentile.
    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
