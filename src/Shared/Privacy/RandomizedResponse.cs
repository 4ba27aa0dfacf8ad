namespace MpcNetwork.Shared.Privacy;

/// <summary>
/// Randomized response for one yes/no answer, applied on the respondent's own node before the
/// answer leaves it. Each report is ε-differentially private on its own, whatever anyone else does
/// (local differential privacy).
/// </summary>
/// <remarks>
/// Two forms share one estimator. The classic form flips a fair coin: on tails the respondent
/// answers truthfully, on heads a second fair coin gives the answer (heads yes, tails no). The
/// truth is thus reported with probability q = 3/4 and the privacy loss is ln 3. The general form
/// reports the truth with probability q = e^ε/(1 + e^ε) and its negation otherwise, for a
/// rational ε.
/// </remarks>
public sealed class RandomizedResponse
{
    /// <summary>A rational upper bound on ln 3 = 1.098612…, the privacy loss of the classic form.</summary>
    public static readonly Rational LnThreeUpperBound = new(10987, 10000);

    private readonly Rational? _epsilon;

    private RandomizedResponse(Rational? epsilon, Rational epsilonUpperBound, double truthProbability)
    {
        _epsilon = epsilon;
        EpsilonUpperBound = epsilonUpperBound;
        TruthProbability = truthProbability;
    }

    /// <summary>The classic form with two fair coins; its privacy loss is ln 3.</summary>
    public static RandomizedResponse Classic { get; } = new(null, LnThreeUpperBound, 0.75);

    /// <summary>Creates the general form for a positive rational <paramref name="epsilon"/>.</summary>
    public static RandomizedResponse ForEpsilon(Rational epsilon)
    {
        if (epsilon.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon.ToString(), "Epsilon must be positive.");
        }

        return new RandomizedResponse(epsilon, epsilon, 1 / (1 + Math.Exp(-epsilon.ToDouble())));
    }

    /// <summary>
    /// The ε to charge to the budget: exactly ε for the general form, and a rational upper bound on
    /// ln 3 for the classic form, whose true value is irrational.
    /// </summary>
    public Rational EpsilonUpperBound { get; }

    /// <summary>Probability q that a report equals the truth (3/4 for the classic form); for the estimator only.</summary>
    public double TruthProbability { get; }

    /// <summary>Returns the randomized report for the respondent's true answer.</summary>
    public bool Respond(bool truth, ExactSampler sampler)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        if (_epsilon is not { } epsilon)
        {
            var firstCoinHeads = sampler.UniformBelow(2UL) == 1;
            return firstCoinHeads ? sampler.UniformBelow(2UL) == 1 : truth;
        }

        return KeepTruth(sampler, epsilon) ? truth : !truth;
    }

    /// <summary>
    /// Estimates the true proportion of "yes" from <paramref name="yesCount"/> reports out of
    /// <paramref name="respondentCount"/>: (N/n − (1 − q))/(2q − 1), which is 2N/n − 1/2 for the
    /// classic form. The estimate is unbiased and may fall outside [0, 1].
    /// </summary>
    public RandomizedResponseEstimate Estimate(long yesCount, long respondentCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(respondentCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(yesCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(yesCount, respondentCount);

        var yesFraction = (double)yesCount / respondentCount;
        var spread = (2 * TruthProbability) - 1;
        var proportion = (yesFraction - (1 - TruthProbability)) / spread;
        var standardError = Math.Sqrt(yesFraction * (1 - yesFraction) / respondentCount) / spread;
        return new RandomizedResponseEstimate(proportion, standardError);
    }

    /// <summary>
    /// Returns the half-width of a 95% interval for the estimate's error that uses only public
    /// values: 1.96 · 0.5/(√n · (2q − 1)), taking the largest possible variance of a report.
    /// For the classic form this is 1.96/√n.
    /// </summary>
    public double HalfWidth95(long respondentCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(respondentCount, 1);
        return 1.96 * 0.5 / (Math.Sqrt(respondentCount) * ((2 * TruthProbability) - 1));
    }

    // Bernoulli(1/(1 + e^(−ε))) = Bernoulli(e^ε/(1 + e^ε)): on a fair heads keep the truth; else
    // lie with probability e^(−ε), else start over. With x the result, x = 1/2 + (1 − e^(−ε))·x/2.
    private static bool KeepTruth(ExactSampler sampler, Rational epsilon)
    {
        while (true)
        {
            if (sampler.UniformBelow(2UL) == 1)
            {
                return true;
            }

            if (sampler.BernoulliExpMinus(epsilon))
            {
                return false;
            }
        }
    }
}
