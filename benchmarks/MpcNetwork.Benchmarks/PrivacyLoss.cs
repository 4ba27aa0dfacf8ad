using System.Numerics;
using MpcNetwork.Shared.Privacy;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Benchmarks;

/// <summary>
/// The large version of the neighbouring-input test: a coalition of t nodes subtracts its own
/// inputs and noise from a private sum, leaving the honest party's input (1 or 0) plus the noise
/// of the n − t honest nodes. Over many draws from the OS CSPRNG, the largest
/// |ln(P(view | 1) / P(view | 0))| over views seen often enough should stay near ε.
/// </summary>
internal static class PrivacyLoss
{
    private const long MinimumCount = 2000;

    public static (double MaxLoss, int Compared, double Epsilon) Measure(int partyCount, int threshold, int samples)
    {
        var plan = new NoisySumPlan(partyCount, new FixedPointFormat(0, 0m, 1m), NeighbourRelation.Replacement, new Rational(11, 10), threshold);
        var sampler = ExactSampler.Secure;
        var withOne = Histogram(plan, 1, partyCount - threshold, samples, sampler);
        var withZero = Histogram(plan, 0, partyCount - threshold, samples, sampler);

        var maxLoss = 0.0;
        var compared = 0;
        foreach (var (view, countOne) in withOne)
        {
            if (countOne < MinimumCount || !withZero.TryGetValue(view, out var countZero) || countZero < MinimumCount)
            {
                continue;
            }

            compared++;
            maxLoss = Math.Max(maxLoss, Math.Abs(Math.Log((double)countOne / countZero)));
        }

        return (maxLoss, compared, plan.Epsilon.ToDouble());
    }

    private static Dictionary<BigInteger, long> Histogram(NoisySumPlan plan, int honestInput, int honestNodes, int samples, ExactSampler sampler)
    {
        var noise = plan.Noise;
        var counts = new Dictionary<BigInteger, long>();
        for (var i = 0; i < samples; i++)
        {
            BigInteger view = honestInput;
            for (var node = 0; node < honestNodes; node++)
            {
                view += noise.SampleShare(sampler);
            }

            counts[view] = counts.GetValueOrDefault(view) + 1;
        }

        return counts;
    }
}
