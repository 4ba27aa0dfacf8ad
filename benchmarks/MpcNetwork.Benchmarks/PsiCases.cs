using System.Diagnostics;
using System.Globalization;
using MpcNetwork.Coordinator.Cli;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.Benchmarks;

// PSI cases: one session each, because a session of 10^5 items takes tens of seconds.
internal sealed partial class BenchmarkRunner
{
    /// <summary>Debian's word lists (packages wamerican and wbritish), a real input with a large overlap.</summary>
    private static readonly string[] WordLists = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"];

    // The session deadline; LocalFederation.RunAsync waits 10 minutes for any session.
    private static readonly TimeSpan PsiTimeout = TimeSpan.FromMinutes(10);

    /// <summary>PSI over <paramref name="parties"/> sets of <paramref name="items"/> random emails, 10 % of them in every set.</summary>
    public async Task PsiAsync(int parties, int items)
    {
        var directory = Directory.CreateTempSubdirectory("mpcnetwork-bench-psi-").FullName;
        try
        {
            var common = Emails("common", items / 10);
            var files = Enumerable.Range(0, parties).Select(i =>
            {
                var path = Path.Combine(directory, $"p{i}.txt");
                File.WriteAllLines(path, Emails($"p{i}", items - common.Count).Concat(common));
                return path;
            }).ToArray();

            await using var federation = await StartAsync(Parties(parties, i => "@" + files[i]));
            var count = await TimePsiAsync(federation, $"psi {parties} × {items:N0} items", items);
            Check(count, common.Count);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>PSI of the American and British English word lists; skipped when they are not installed.</summary>
    public async Task PsiWordListsAsync()
    {
        if (!WordLists.All(File.Exists))
        {
            _rows.Add(new Row("psi word lists", "skipped", "install wamerican and wbritish", ""));
            return;
        }

        // Expected: the plain intersection of the trimmed lines. The nodes also apply NFC, so if
        // that merged two words, the check below would throw with both counts.
        var expected = File.ReadLines(WordLists[0]).Select(word => word.Trim()).Where(word => word.Length > 0).ToHashSet(StringComparer.Ordinal);
        expected.IntersectWith(File.ReadLines(WordLists[1]).Select(word => word.Trim()));
        var bound = WordLists.Max(path => File.ReadLines(path).Count());

        await using var federation = await StartAsync(Parties(2, i => "@" + WordLists[i]));
        var count = await TimePsiAsync(federation, $"psi american × british word lists", bound);
        Check(count, expected.Count);
    }

    private async Task<long> TimePsiAsync(LocalFederation federation, string name, int bound)
    {
        var request = new RunSessionRequest
        {
            Computation = Computation.Psi,
            Psi = new PsiParameters { MaxItems = bound },
            TimeoutMs = (int)PsiTimeout.TotalMilliseconds,
        };

        var nodes = federation.Processes.Where(process => process.Name != "coordinator").Select(process => process.ProcessId).ToList();
        var before = SocketBytes.SentByProcess();
        var clock = Stopwatch.StartNew();
        var result = await federation.RunAsync(request, CancellationToken.None);
        var elapsed = clock.Elapsed;
        var after = SocketBytes.SentByProcess();

        var sent = nodes.Select(pid => after.GetValueOrDefault(pid) - before.GetValueOrDefault(pid)).ToList();
        _rows.Add(new Row(name, "wall time (1 session)", $"{elapsed.TotalSeconds:0.0} s, {result.Psi.Count:N0} common items", ""));
        _rows.Add(new Row(name, "bytes sent per node", string.Join(", ", sent.Select(bytes => $"{bytes / 1048576.0:0.0} MiB")), ""));
        return result.Psi.Count;
    }

    private List<string> Emails(string prefix, int count)
    {
        var emails = new HashSet<string>(StringComparer.Ordinal);
        while (emails.Count < count)
        {
            emails.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}-{_random.NextInt64():x16}@example.com"));
        }

        return [.. emails];
    }

    private static void Check(long count, int expected)
    {
        if (count != expected)
        {
            throw new InvalidOperationException($"The PSI output has {count} items, but the inputs share {expected}.");
        }
    }
}
