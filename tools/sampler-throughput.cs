#:project ../src/Shared/MpcNetwork.Shared.csproj

// Measures exact discrete Laplace throughput over the OS CSPRNG.
// Run from the repository root: dotnet run tools/sampler-throughput.cs -c Release
using System.Diagnostics;
using System.Globalization;
using MpcNetwork.Shared.Privacy;

string[] scales = ["1/2", "1", "10", "100", "10000"];
var duration = TimeSpan.FromSeconds(2);

Console.WriteLine($"Discrete Laplace over RandomNumberGenerator, {Environment.ProcessorCount} logical cores, one thread, {duration.TotalSeconds} s per scale");
foreach (var text in scales)
{
    var laplace = new DiscreteLaplace(Rational.Parse(text));
    for (var warmUp = 0; warmUp < 1000; warmUp++)
    {
        laplace.Sample(ExactSampler.Secure);
    }

    var count = 0L;
    var stopwatch = Stopwatch.StartNew();
    while (stopwatch.Elapsed < duration)
    {
        for (var i = 0; i < 100; i++)
        {
            laplace.Sample(ExactSampler.Secure);
        }

        count += 100;
    }

    var rate = count / stopwatch.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale {text,-6} {rate,12:N0} samples/s"));
}
