#:project ../src/Shared/MpcNetwork.Shared.csproj

// Measures the throughput of the exact samplers over the OS CSPRNG, one thread.
// Run from the repository root: dotnet run tools/sampler-throughput.cs -c Release
// The numbers depend on the machine and its load; print `uptime` alongside them.
using System.Diagnostics;
using System.Globalization;
using MpcNetwork.Shared.Privacy;

string[] scales = ["1/2", "1", "10", "100", "10000", "1000000"];
var duration = TimeSpan.FromSeconds(2);

Console.WriteLine($"{Environment.ProcessorCount} logical cores, one thread, {duration.TotalSeconds} s per line");
foreach (var text in scales)
{
    var laplace = new DiscreteLaplace(Rational.Parse(text));
    Report($"discrete Laplace, scale {text}", () => laplace.Sample(ExactSampler.Secure));
}

// One node's Pólya share with a fractional shape, which needs rejection.
foreach (var (parties, threshold) in new[] { (3, 1), (5, 0) })
{
    var noise = new PolyaNoise(new Rational(100, 1), parties, threshold);
    Report($"Pólya share, scale 100, shape {noise.Shape}", () => noise.SampleShare(ExactSampler.Secure));
}

void Report(string label, Action draw)
{
    for (var warmUp = 0; warmUp < 1000; warmUp++)
    {
        draw();
    }

    var count = 0L;
    var stopwatch = Stopwatch.StartNew();
    while (stopwatch.Elapsed < duration)
    {
        for (var i = 0; i < 100; i++)
        {
            draw();
        }

        count += 100;
    }

    var rate = count / stopwatch.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-40} {rate,12:N0} samples/s"));
}
