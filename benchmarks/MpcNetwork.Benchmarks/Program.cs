using System.Diagnostics;
using System.Globalization;
using MpcNetwork.Benchmarks;
using MpcNetwork.Coordinator.Cli;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Session.V1;

// Runs every case against local federations of real node and coordinator processes over mTLS
// on 127.0.0.1, prints one table, and writes it to docs/benchmarks.md.
var output = args.SkipWhile(arg => arg != "--out").Skip(1).FirstOrDefault() ?? FindDocs();
var quick = args.Contains("--quick");
var psiOnly = args.Contains("--psi-only");
var runner = new BenchmarkRunner(quick);
var total = Stopwatch.StartNew();

// --psi-only and --privacy-only run those cases alone, without the other federations.
var privacyOnly = args.Contains("--privacy-only");
if (!psiOnly && !privacyOnly)
{
    await runner.ScalarSumsAsync(4);
    await runner.ScalarSumsAsync(10);
    await runner.AuctionAndVoteAsync();
    await runner.VectorSumAsync(quick ? 100_000 : 1_000_000);
    await runner.ThroughputAsync();
}

if (!privacyOnly)
{
    await runner.PsiAsync(2, quick ? 10_000 : 100_000);
    await runner.PsiAsync(3, quick ? 10_000 : 100_000);
    await runner.PsiWordListsAsync();
}

if (!psiOnly)
{
    runner.PrivacyLossCases();
}

var report = runner.Report(total.Elapsed, string.Join(' ', args));
Console.WriteLine(report);
await File.WriteAllTextAsync(output, report);
Console.WriteLine($"Wrote {output}.");

static string FindDocs()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "MpcNetwork.sln")))
        {
            return Path.Combine(directory.FullName, "docs", "benchmarks.md");
        }
    }

    return "benchmarks.md";
}

namespace MpcNetwork.Benchmarks
{
    /// <summary>Per-session averages: bytes each node sent, CPU time of each node and of the coordinator.</summary>
    internal sealed record Usage(double BytesPerNode, double NodeCpuMs, double CoordinatorCpuMs);

    /// <summary>One row of the results table.</summary>
    internal sealed record Row(string Case, string Measure, string Value, string Goal);

    internal sealed partial class BenchmarkRunner(bool quick)
    {
        private readonly List<Row> _rows = [];
        private readonly Random _random = new(20261204);

        private int Warmup => quick ? 10 : 40;

        private int Measured => quick ? 10 : 30;

        /// <summary>Case 1: sum of n scalars.</summary>
        public async Task ScalarSumsAsync(int parties)
        {
            var inputs = Parties(parties, _ => _random.Next(0, 1_000_000).ToString(CultureInfo.InvariantCulture));
            await using var federation = await StartAsync(inputs);
            var (timing, usage) = await TimeSessionsAsync(federation, new RunSessionRequest { Computation = Computation.Sum }, Warmup, Measured);
            var goal = parties == 4 ? "p50 ≤ 2 ms" : "p50 ≤ 5 ms";
            Add($"sum of {parties} scalars", timing, usage, goal);
        }

        /// <summary>Cases 2 and 3: a 10-party 32-bit auction for each digit size, and a 10 × 5 vote.</summary>
        public async Task AuctionAndVoteAsync()
        {
            string[] options = ["red", "green", "blue", "amber", "violet"];
            var inputs = Parties(10, _ => _random.NextInt64(0, 1L << 32).ToString(CultureInfo.InvariantCulture), _ => options[_random.Next(options.Length)]);
            await using var federation = await StartAsync(inputs);

            for (var digitBits = 1; digitBits <= 4; digitBits++)
            {
                var request = new RunSessionRequest
                {
                    Computation = Computation.Auction,
                    Auction = new AuctionParameters { BitLength = 32, DigitBits = digitBits },
                };
                var (timing, usage) = await TimeSessionsAsync(federation, request, warmup: quick ? 2 : 5, quick ? 5 : 10);
                Add($"auction 10 × 32-bit, {digitBits}-bit digits", timing, usage, "p50 ≤ 50 ms");
            }

            var vote = new RunSessionRequest { Computation = Computation.Vote, InputName = "ballot", Vote = new VoteParameters { Kind = BallotKind.Plurality } };
            vote.Vote.Options.AddRange(options);
            var (voteTiming, voteUsage) = await TimeSessionsAsync(federation, vote, Warmup, Measured);
            Add("vote 10 voters × 5 options", voteTiming, voteUsage, "p50 ≤ 5 ms");
        }

        /// <summary>Cases 4, 5 and 7: a 4-node vector sum, the no-privacy baseline, and a node's peak working set.</summary>
        public async Task VectorSumAsync(int length)
        {
            var directory = Directory.CreateTempSubdirectory("mpcnetwork-bench-").FullName;
            try
            {
                var vectors = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, length).Select(_ => (ulong)_random.Next(0, 1_000_000)).ToArray()).ToArray();
                var files = vectors.Select((vector, i) =>
                {
                    var path = Path.Combine(directory, $"p{i}.txt");
                    File.WriteAllLines(path, vector.Select(value => value.ToString(CultureInfo.InvariantCulture)));
                    return path;
                }).ToArray();

                var inputs = Parties(4, i => "@" + files[i]);
                await using var federation = await StartAsync(inputs);

                // Only the caller receives the vector, so a node's memory is the protocol's alone.
                var request = new RunSessionRequest { Computation = Computation.Sum, VectorLength = length, Recipients = { "caller" } };
                await TimeSessionsAsync(federation, request, warmup: 2, measured: 0);
                var nodes = federation.Processes.Where(process => process.Name != "coordinator").ToList();
                var idle = nodes.Max(node => ProcessMemory.CurrentBytes(node.ProcessId));
                foreach (var node in nodes)
                {
                    ProcessMemory.ResetPeak(node.ProcessId);
                }

                var measured = quick ? 5 : 10;
                var (timing, usage) = await TimeSessionsAsync(federation, request, warmup: 0, measured);
                var peak = nodes.Max(node => ProcessMemory.PeakBytes(node.ProcessId));
                Add($"vector sum 4 × {length:N0}", timing, usage, "≤ 1.3 × baseline");

                await using var baseline = await BaselineSum.StartAsync(Path.Combine(federation.Directory, "certs"), ["p0", "p1", "p2", "p3"], length);
                var baselineTimes = new List<double>();
                for (var i = 0; i < 2 + measured; i++)
                {
                    var elapsed = await baseline.RunAsync(vectors);
                    if (i >= 2)
                    {
                        baselineTimes.Add(elapsed);
                    }
                }

                var expected = Enumerable.Range(0, length).Select(index => vectors.Aggregate(0UL, (sum, vector) => sum + vector[index]));
                if (!baseline.LastSum.SequenceEqual(expected))
                {
                    throw new InvalidOperationException("The baseline's sum is wrong.");
                }

                var baselineTiming = Timing.Of(baselineTimes);
                _rows.Add(new Row($"no-privacy baseline 4 × {length:N0}", "wall p50 / p95", $"{baselineTiming.MedianMs:0.0} / {baselineTiming.P95Ms:0.0} ms", ""));
                _rows.Add(new Row("vector sum ÷ baseline", "p50 ratio", $"{timing.MedianMs / baselineTiming.MedianMs:0.00}", "≤ 1.3"));
                var vectorBytes = length * 8L;
                _rows.Add(new Row($"node peak working set, vector sum 4 × {length:N0}", "peak RSS (idle RSS)",
                    $"{peak / 1048576.0:0.0} MiB ({idle / 1048576.0:0.0} MiB) = {peak / (double)vectorBytes:0.0} × vector, {(peak - idle) / (double)vectorBytes:0.0} × above idle",
                    "≤ 4 × vector"));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        /// <summary>Case 6: scalar-sum sessions per second with 1, 8 and 32 in flight.</summary>
        public async Task ThroughputAsync()
        {
            var inputs = Parties(4, _ => _random.Next(0, 1_000_000).ToString(CultureInfo.InvariantCulture));
            await using var federation = await StartAsync(inputs);
            await TimeSessionsAsync(federation, new RunSessionRequest { Computation = Computation.Sum }, Warmup, 0);

            foreach (var inFlight in new[] { 1, 8, 32 })
            {
                var sessions = quick ? 100 : 400;
                var next = 0;
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
                {
                    while (Interlocked.Increment(ref next) <= sessions)
                    {
                        await federation.RunAsync(new RunSessionRequest { Computation = Computation.Sum }, CancellationToken.None);
                    }
                }));
                var perSecond = sessions / clock.Elapsed.TotalSeconds;
                _rows.Add(new Row($"scalar sums, 4 nodes, {inFlight} in flight", "sessions / s", $"{perSecond:0}", inFlight == 32 ? "≥ 300" : ""));
            }
        }

        /// <summary>The large neighbouring-input check: empirical privacy loss of a coalition's view.</summary>
        public void PrivacyLossCases()
        {
            foreach (var (parties, threshold, samples) in new[] { (5, 4, quick ? 200_000 : 10_000_000), (3, 1, quick ? 50_000 : 1_000_000) })
            {
                var clock = Stopwatch.StartNew();
                var (loss, compared, epsilon) = PrivacyLoss.Measure(parties, threshold, samples);
                _rows.Add(new Row($"privacy loss, {parties} nodes, {threshold} colluding, {samples:N0} draws per input", "largest abs(ln(P1 / P0)) over outputs seen ≥ 2000 times",
                    $"{loss:0.000} over {compared} outputs, ε = {epsilon:0.0##} ({clock.Elapsed.TotalSeconds:0} s)", "≤ ε + sampling error"));
            }
        }

        public string Report(TimeSpan elapsed, string arguments)
        {
            var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";
            var memory = File.ReadLines("/proc/meminfo").First().Split(':')[1].Trim();
            var lines = new List<string>
            {
                "# Benchmarks",
                "",
                "Measured by `dotnet run -c Release --project benchmarks/MpcNetwork.Benchmarks" + (arguments.Length > 0 ? " -- " + arguments : "") + "`.",
                "Every case starts a local federation of node and coordinator processes on 127.0.0.1",
                "with fresh certificates and real mTLS, warms it up, and times sessions from the",
                "caller's side (request sent to result received). Bytes are what each node process",
                "sent on its TCP connections (TLS and HTTP/2 included), read with `ss`, per session.",
                "These machines are shared and noisy: compare ratios taken in one run.",
                "[performance.md](performance.md) explains where the time goes.",
                "",
                $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
                $"- machine: {Environment.ProcessorCount} cores, {cpu}, {memory} memory, {Environment.OSVersion}",
                $"- .NET {Environment.Version}; whole run {elapsed.TotalSeconds:0} s",
                "",
                "| case | measure | value | goal |",
                "|---|---|---|---|",
            };
            lines.AddRange(_rows.Select(row => $"| {row.Case} | {row.Measure} | {row.Value} | {row.Goal} |"));
            return string.Join(Environment.NewLine, lines) + Environment.NewLine;
        }

        private void Add(string name, Timing timing, Usage usage, string goal)
        {
            _rows.Add(new Row(name, "wall p50 / p95", $"{timing.MedianMs:0.0} / {timing.P95Ms:0.0} ms ({timing.Count} sessions)", goal));
            _rows.Add(new Row(name, "bytes sent per node per session", $"{usage.BytesPerNode:N0}", ""));
            _rows.Add(new Row(name, "CPU per session: each node / coordinator", $"{usage.NodeCpuMs:0.0} / {usage.CoordinatorCpuMs:0.0} ms", ""));
        }

        private static async Task<(Timing Timing, Usage Usage)> TimeSessionsAsync(LocalFederation federation, RunSessionRequest request, int warmup, int measured)
        {
            for (var i = 0; i < warmup; i++)
            {
                await federation.RunAsync(request.Clone(), CancellationToken.None);
            }

            if (measured == 0)
            {
                return (new Timing(0, 0, 0), new Usage(0, 0, 0));
            }

            var nodes = federation.Processes.Where(process => process.Name != "coordinator").Select(process => process.ProcessId).ToList();
            var coordinator = federation.Processes.Single(process => process.Name == "coordinator").ProcessId;
            var cpuBefore = federation.Processes.ToDictionary(process => process.ProcessId, process => ProcessMemory.CpuMilliseconds(process.ProcessId));
            var before = SocketBytes.SentByProcess();
            var times = new List<double>();
            for (var i = 0; i < measured; i++)
            {
                var clock = Stopwatch.StartNew();
                await federation.RunAsync(request.Clone(), CancellationToken.None);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            var after = SocketBytes.SentByProcess();
            var sent = nodes.Select(pid => after.GetValueOrDefault(pid) - before.GetValueOrDefault(pid)).Average();
            var nodeCpu = nodes.Average(pid => ProcessMemory.CpuMilliseconds(pid) - cpuBefore[pid]);
            var coordinatorCpu = ProcessMemory.CpuMilliseconds(coordinator) - cpuBefore[coordinator];
            return (Timing.Of(times), new Usage(sent / measured, nodeCpu / measured, coordinatorCpu / measured));
        }

        private static Task<LocalFederation> StartAsync(List<PartyInput> inputs) =>
            LocalFederation.StartAsync(inputs, CancellationToken.None, new Dictionary<string, string> { ["Serilog__MinimumLevel__Default"] = "Warning" });

        private static List<PartyInput> Parties(int count, Func<int, string> input, Func<int, string>? ballot = null) =>
            [.. Enumerable.Range(0, count).Select(i => new PartyInput($"p{i}", input(i),
                new Dictionary<string, string>
                {
                    ["Serilog__MinimumLevel__Default"] = "Warning",
                    ["Node__Inputs__ballot"] = ballot?.Invoke(i) ?? "red",
                    ["Node__Policy__MinParties__sum"] = "2",
                }))];
    }
}
