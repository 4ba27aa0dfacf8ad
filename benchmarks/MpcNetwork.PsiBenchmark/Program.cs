using System.Diagnostics;
using System.Text;
using MpcNetwork.Shared.Psi;

// Usage: dotnet run -c Release --project benchmarks/MpcNetwork.PsiBenchmark -- <primitives|two-party|multiparty> [items] [parties]
// Run one measurement per process, so the peak working set belongs to that measurement alone.
var command = args.Length > 0 ? args[0] : "primitives";
var items = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
var parties = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;

Console.WriteLine($"{command}: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
switch (command)
{
    case "primitives":
        Primitives(items);
        break;
    case "two-party":
        TwoParty(items);
        break;
    case "multiparty":
        Multiparty(items, parties);
        break;
    default:
        Console.Error.WriteLine($"Unknown command '{command}'; use primitives, two-party or multiparty.");
        return 1;
}

// CPU time next to wall time shows how much of the wall time other processes on the machine took.
var process = Process.GetCurrentProcess();
Console.WriteLine($"process CPU time: {process.TotalProcessorTime.TotalSeconds:F1} s; peak working set: {process.PeakWorkingSet64 / (1024 * 1024)} MiB");
return 0;

static void Primitives(int count)
{
    var tag = HashToGroup.SessionTag("benchmark");
    var messages = Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetBytes($"customer-{i}@example.com")).ToArray();
    var elements = new byte[count][];
    var scalar = Ristretto255.RandomScalar();

    var watch = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        elements[i] = new byte[Ristretto255.ElementLength];
        HashToGroup.Hash(messages[i], tag, elements[i]);
    }

    Report("hash to group, 1 thread", watch.Elapsed, count);

    watch.Restart();
    Parallel.For(0, count, i => HashToGroup.Hash(messages[i], tag, elements[i]));
    Report("hash to group, all cores", watch.Elapsed, count);

    var result = new byte[Ristretto255.ElementLength];
    watch.Restart();
    for (var i = 0; i < count; i++)
    {
        Ristretto255.Multiply(scalar, elements[i], result);
    }

    Report("scalar multiplication, 1 thread", watch.Elapsed, count);

    watch.Restart();
    Parallel.For(0, count, () => new byte[Ristretto255.ElementLength], (i, _, buffer) =>
    {
        Ristretto255.Multiply(scalar, elements[i], buffer);
        return buffer;
    }, _ => { });
    Report("scalar multiplication, all cores", watch.Elapsed, count);
}

static void TwoParty(int count)
{
    var shared = count / 10;
    var leaderSet = PsiInputReader.FromValues(Items("shared", shared).Concat(Items("leader", count - shared)), CanonicalProfile.Email, count);
    var senderSet = PsiInputReader.FromValues(Items("shared", shared).Concat(Items("sender", count - shared)), CanonicalProfile.Email, count);
    const int chunk = 65_536;

    var watch = Stopwatch.StartNew();
    var receiver = new TwoPartyReceiver(leaderSet, "benchmark", PsiMode.Intersection, senderSet.Bound);
    var sender = new TwoPartySender(senderSet, "benchmark", PsiMode.Intersection, leaderSet.Bound);
    foreach (var part in sender.TagChunks(chunk))
    {
        receiver.AcceptTagChunk(part.Span);
    }

    foreach (var part in receiver.BlindedChunks(chunk))
    {
        sender.AcceptBlindedChunk(part.Span);
    }

    foreach (var part in sender.EvaluatedChunks(chunk))
    {
        receiver.AcceptEvaluatedChunk(part.Span);
    }

    var result = receiver.Finish();
    watch.Stop();

    Console.WriteLine($"two-party, {count:N0} items each: {watch.Elapsed.TotalSeconds:F2} s, intersection {result.Count:N0} (expected {shared:N0})");
}

static void Multiparty(int count, int partyCount)
{
    var shared = count / 10;
    var bounds = Enumerable.Repeat(count, partyCount).ToArray();
    var sets = Enumerable.Range(0, partyCount)
        .Select(p => PsiInputReader.FromValues(Items("shared", shared).Concat(Items($"party{p}", count - shared)), CanonicalProfile.Email, count))
        .ToArray();
    const int chunk = 65_536;

    var watch = Stopwatch.StartNew();
    var nodes = sets.Select((set, index) => new MultipartyPsiParty(index, bounds, 0, set, "benchmark", PsiMode.Intersection)).ToArray();
    for (var j = 0; j < partyCount; j++)
    {
        foreach (var part in nodes[j].BlindedChunks(chunk))
        {
            for (var i = 0; i < partyCount; i++)
            {
                if (i != j)
                {
                    nodes[j].AcceptEvaluatedChunk(i, nodes[i].EvaluateChunk(j, part.Span));
                }
            }
        }
    }

    for (var i = 0; i < partyCount; i++)
    {
        for (var j = 0; j < partyCount; j++)
        {
            if (i != j)
            {
                foreach (var part in nodes[i].ZeroShareTableChunks(j, chunk))
                {
                    nodes[j].AcceptZeroShareTableChunk(i, part.Span);
                }
            }
        }
    }

    for (var j = 1; j < partyCount; j++)
    {
        foreach (var part in nodes[j].ReconstructionTableChunks(chunk))
        {
            nodes[0].AcceptReconstructionTableChunk(j, part.Span);
        }
    }

    var result = nodes[0].Finish();
    watch.Stop();

    Console.WriteLine($"multi-party, {partyCount} parties x {count:N0} items, all in one process: {watch.Elapsed.TotalSeconds:F2} s, intersection {result.Count:N0} (expected {shared:N0})");
}

static IEnumerable<string> Items(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}-{i}@example.com");

static void Report(string name, TimeSpan elapsed, int count) =>
    Console.WriteLine($"{name}: {elapsed.TotalMicroseconds / count:F1} µs per item, {count / elapsed.TotalSeconds:N0} per second");
