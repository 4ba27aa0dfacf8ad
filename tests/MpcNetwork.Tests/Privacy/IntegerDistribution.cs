namespace MpcNetwork.Tests.Privacy;

/// <summary>
/// An integer distribution tabulated in double precision over a range wide enough that the mass
/// outside it is below 1e-18. It gives the expected counts for the chi-square tests.
/// </summary>
internal sealed class IntegerDistribution
{
    private readonly long _minimum;
    private readonly double[] _probabilities;
    private readonly double[] _below;

    private IntegerDistribution(long minimum, double[] probabilities)
    {
        _minimum = minimum;
        _probabilities = probabilities;
        _below = new double[probabilities.Length + 1];
        for (var i = 0; i < probabilities.Length; i++)
        {
            _below[i + 1] = _below[i] + probabilities[i];
        }
    }

    /// <summary>Discrete Laplace: P(z) = (1 − α)/(1 + α)·α^|z| with α = exp(−1/scale), from the closed form.</summary>
    public static IntegerDistribution DiscreteLaplace(double scale)
    {
        var alpha = Math.Exp(-1 / scale);
        var reach = (long)Math.Ceiling(45 * scale) + 10;
        var probabilities = new double[(2 * reach) + 1];
        for (var z = -reach; z <= reach; z++)
        {
            probabilities[z + reach] = (1 - alpha) / (1 + alpha) * Math.Pow(alpha, Math.Abs(z));
        }

        return new IntegerDistribution(-reach, probabilities);
    }

    /// <summary>
    /// The difference of two independent negative binomial NB(r, α) variables with α = exp(−1/scale),
    /// where P(X = x) = Γ(x + r)/(x!·Γ(r))·(1 − α)^r·α^x, built by convolving the NB pmf with itself.
    /// </summary>
    public static IntegerDistribution PolyaDifference(double shape, double scale)
    {
        var alpha = Math.Exp(-1 / scale);
        var negativeBinomial = new List<double> { Math.Pow(1 - alpha, shape) };
        var mean = shape * alpha / (1 - alpha);
        for (var x = 0; x < 1_000_000 && (x < mean || negativeBinomial[x] > 1e-22); x++)
        {
            negativeBinomial.Add(negativeBinomial[x] * alpha * (shape + x) / (x + 1));
        }

        var reach = negativeBinomial.Count - 1;
        var probabilities = new double[(2 * reach) + 1];
        for (var d = 0; d <= reach; d++)
        {
            double sum = 0;
            for (var x = 0; x + d <= reach; x++)
            {
                sum += negativeBinomial[x] * negativeBinomial[x + d];
            }

            probabilities[reach + d] = sum;
            probabilities[reach - d] = sum;
        }

        return new IntegerDistribution(-reach, probabilities);
    }

    public double Pmf(long value)
    {
        var index = value - _minimum;
        return index < 0 || index >= _probabilities.Length ? 0 : _probabilities[index];
    }

    /// <summary>Returns P(X &lt; value).</summary>
    public double LeftTail(long value)
    {
        var index = Math.Clamp(value - _minimum, 0, _probabilities.Length);
        return _below[index];
    }

    public double Variance()
    {
        double mean = 0;
        double square = 0;
        for (var i = 0; i < _probabilities.Length; i++)
        {
            var value = (double)(_minimum + i);
            mean += value * _probabilities[i];
            square += value * value * _probabilities[i];
        }

        return square - (mean * mean);
    }

    public ChiSquareResult Test(IReadOnlyDictionary<long, long> observed, long sampleCount) =>
        ChiSquare.TestIntegers(observed, sampleCount, Pmf, LeftTail);
}
