using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using MpcNetwork.Node.Sessions;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Node.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Tests.Psi;
using MpcNetwork.Tests.Support;
using CoordinatorViewRecorder = MpcNetwork.Coordinator.Sessions.ViewRecorder;
using NodeViewRecorder = MpcNetwork.Node.Sessions.ViewRecorder;

namespace MpcNetwork.Tests.Cluster;

/// <summary>PSI sessions through real nodes and a coordinator on 127.0.0.1 with mTLS.</summary>
public sealed class PsiClusterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mpcnetwork-psi-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Two_parties_find_planted_overlap()
    {
        var common = PsiTestSets.Unique("common", 40, seed: 1);
        var alice = PsiTestSets.Unique("alice", 260, seed: 2).Concat(common).ToList();
        var bob = PsiTestSets.Unique("bob", 150, seed: 3).Concat(common).ToList();
        await using var federation = await StartAsync(("alice", alice), ("bob", bob));

        var outcome = await federation.RunAsync(Request(maxItems: 300));

        Assert.Equal(40, outcome.Result.Psi.Count);
        Assert.Empty(outcome.Result.Psi.Items);
        Assert.Equal(PsiTestSets.Sorted(common), ReceivedItems(federation, "alice", outcome.SessionId));
        Assert.Equal(PsiTestSets.Sorted(common), ReceivedItems(federation, "bob", outcome.SessionId));
    }

    [Fact]
    public async Task Three_parties_keep_only_common_items()
    {
        var all = PsiTestSets.Unique("all", 25, seed: 4);
        var aliceAndBob = PsiTestSets.Unique("ab", 30, seed: 5);
        var bobAndCarol = PsiTestSets.Unique("bc", 30, seed: 6);
        var alice = PsiTestSets.Unique("a", 100, seed: 7).Concat(all).Concat(aliceAndBob).ToList();
        var bob = PsiTestSets.Unique("b", 80, seed: 8).Concat(all).Concat(aliceAndBob).Concat(bobAndCarol).ToList();
        var carol = PsiTestSets.Unique("c", 60, seed: 9).Concat(bobAndCarol).Concat(all).ToList();
        await using var federation = await StartAsync(("alice", alice), ("bob", bob), ("carol", carol));

        var request = Request(maxItems: 200);
        request.Psi.PartyMaxItems["carol"] = 120;
        var outcome = await federation.RunAsync(request);

        Assert.Equal(25, outcome.Result.Psi.Count);
        foreach (var party in new[] { "alice", "bob", "carol" })
        {
            Assert.Equal(PsiTestSets.Sorted(all), ReceivedItems(federation, party, outcome.SessionId));
        }
    }

    [Fact]
    public async Task Four_parties_send_items_only_to_recipients()
    {
        var all = PsiTestSets.Unique("all", 10, seed: 10);
        var sets = Enumerable.Range(0, 4).Select(i => PsiTestSets.Unique($"p{i}", 20 + i, seed: 20 + i).Concat(all).ToList()).ToArray();
        await using var federation = await StartAsync([.. sets.Select((set, i) => ($"p{i}", set))]);

        var request = Request(maxItems: 40);
        request.Recipients.Add("p2");
        var outcome = await federation.RunAsync(request);

        Assert.Null(outcome.Published);
        Assert.Equal(PsiTestSets.Sorted(all), ReceivedItems(federation, "p2", outcome.SessionId));
        Assert.Null(Received(federation, "p0", outcome.SessionId));
        Assert.Null(Received(federation, "p3", outcome.SessionId));
        Assert.Equal(10, (await federation.Store.FindAsync(outcome.SessionId, CancellationToken.None))!.Psi.Count);
    }

    [Fact]
    public async Task Duplicates_and_blank_lines_count_once()
    {
        var alice = WriteLines("alice.txt", ["Ann@Example.com", "", "ann@example.com", "  bob@example.com ", "bob@example.com", "", "zed@example.com"]);
        var bob = WriteLines("bob.txt", ["BOB@example.com", "ann@example.com", "ann@example.com", "yves@example.com"]);
        await using var federation = await TestFederation.StartAsync([("alice", "@" + alice), ("bob", "@" + bob)]);

        var request = Request(maxItems: 3);
        request.Psi.Profile = PsiProfile.Email;
        var outcome = await federation.RunAsync(request);

        Assert.Equal(2, outcome.Result.Psi.Count);
        Assert.Equal(["ann@example.com", "bob@example.com"], ReceivedItems(federation, "bob", outcome.SessionId));
        Assert.Contains(federation.Logs.Lines, line => line.Contains("its input had 2 blank lines and 2 duplicates", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Csv_column_is_the_item()
    {
        var alice = WriteLines("alice.csv", ["1,ann@example.com,x", "2,\"bob@example.com\",y", "3,carl@example.com,z"]);
        var bob = WriteLines("bob.csv", ["a,carl@example.com", "b,ann@example.com"]);
        await using var federation = await TestFederation.StartAsync([("alice", "@" + alice), ("bob", "@" + bob)]);

        var request = Request(maxItems: 5);
        request.Psi.PartyMaxItems["alice"] = 5;
        request.Psi.CsvColumn = 2;
        var outcome = await federation.RunAsync(request);

        Assert.Equal(["ann@example.com", "carl@example.com"], ReceivedItems(federation, "alice", outcome.SessionId));
    }

    [Fact]
    public async Task Empty_set_gives_empty_intersection()
    {
        await using var federation = await StartAsync(("alice", []), ("bob", PsiTestSets.Unique("b", 30, seed: 11)), ("carol", PsiTestSets.Unique("c", 30, seed: 12)));

        var three = await federation.RunAsync(Request(maxItems: 30));
        var two = await federation.RunAsync(Request(maxItems: 30, parties: ["alice", "bob"]));

        Assert.Equal(0, three.Result.Psi.Count);
        Assert.Equal(0, two.Result.Psi.Count);
        Assert.Empty(ReceivedItems(federation, "bob", three.SessionId));
        Assert.Empty(ReceivedItems(federation, "bob", two.SessionId));
    }

    [Fact]
    public async Task Subset_intersects_to_itself()
    {
        var small = PsiTestSets.Unique("s", 30, seed: 13);
        var large = PsiTestSets.Unique("l", 200, seed: 14).Concat(small).ToList();
        await using var federation = await StartAsync(("alice", large), ("bob", small));

        var request = Request(maxItems: 250);
        request.Psi.PartyMaxItems["bob"] = 30;
        var outcome = await federation.RunAsync(request);

        Assert.Equal(PsiTestSets.Sorted(small), ReceivedItems(federation, "alice", outcome.SessionId));
        Assert.Equal(PsiTestSets.Sorted(small), ReceivedItems(federation, "bob", outcome.SessionId));
    }

    [Fact]
    public async Task Cardinality_publishes_count_only()
    {
        var common = PsiTestSets.Unique("common", 17, seed: 15);
        var alice = PsiTestSets.Unique("a", 50, seed: 16).Concat(common).ToList();
        var bob = PsiTestSets.Unique("b", 40, seed: 17).Concat(common).ToList();
        await using var federation = await StartAsync(("alice", alice), ("bob", bob));

        var request = Request(maxItems: 100);
        request.Psi.Cardinality = true;
        var outcome = await federation.RunAsync(request);

        Assert.Equal(17, outcome.Result.Psi.Count);
        Assert.True(outcome.Result.Psi.Cardinality);
        foreach (var party in new[] { "alice", "bob" })
        {
            var received = Received(federation, party, outcome.SessionId);
            Assert.NotNull(received);
            Assert.Equal(17, received.Psi.Count);
            Assert.Empty(received.Psi.Items);
        }
    }

    [Fact]
    public async Task Cardinality_over_three_parties_is_invalid()
    {
        var set = PsiTestSets.Unique("x", 5, seed: 18);
        await using var federation = await StartAsync(("alice", set), ("bob", set), ("carol", set));

        var request = Request(maxItems: 10);
        request.Psi.Cardinality = true;
        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("two parties only", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_over_bound_is_rejected_before_exchange()
    {
        var chunks = new ConcurrentQueue<string>();
        var alice = WriteItems("alice.txt", PsiTestSets.Unique("a", 12, seed: 19));
        var bob = WriteItems("bob.txt", PsiTestSets.Unique("b", 8, seed: 20));
        await using var federation = await TestFederation.StartAsync(
            [("alice", "@" + alice), ("bob", "@" + bob)],
            nodeServices: (party, services) => services.AddSingleton<NodeViewRecorder>(new ChunkRecorder(chunks, party)));

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(Request(maxItems: 10)));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("party 'alice'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("has 12 distinct items, more than its declared bound of 10", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("bob rejected", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(chunks);
        Assert.DoesNotContain(federation.Logs.Lines, line => line.Contains("starts PSI", StringComparison.Ordinal));
        Assert.Equal(0, await federation.Store.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Coordinator_and_logs_see_no_item()
    {
        var common = PsiTestSets.Unique("common", 20, seed: 21);
        var sets = new[]
        {
            PsiTestSets.Unique("a", 60, seed: 22).Concat(common).ToList(),
            PsiTestSets.Unique("b", 50, seed: 23).Concat(common).ToList(),
            PsiTestSets.Unique("c", 40, seed: 24).Concat(common).ToList(),
        };
        var reports = new ConcurrentQueue<string>();
        await using var federation = await StartAsync(
            [.. sets.Select((set, i) => ($"p{i}", set))],
            coordinatorServices: services => services.AddSingleton<CoordinatorViewRecorder>(new ReportRecorder(reports)));

        var three = await federation.RunAsync(Request(maxItems: 100));
        var two = await federation.RunAsync(Request(maxItems: 100, parties: ["p0", "p1"]));
        var recorded = await federation.Store.FindAsync(three.SessionId, CancellationToken.None);

        Assert.Equal(20, three.Result.Psi.Count);
        Assert.Equal(20, two.Result.Psi.Count);
        Assert.NotNull(recorded);
        Assert.Empty(recorded.Psi.Items);
        Assert.Equal(["p0 True 20", "p0 True 20", "p1 False 0", "p1 False 0", "p2 False 0"], reports.Order(StringComparer.Ordinal));
        Assert.NotEmpty(federation.Logs.Lines);
        var items = sets.SelectMany(set => set).Distinct().ToList();
        foreach (var line in federation.Logs.Lines)
        {
            Assert.DoesNotContain(items, item => line.Contains(item, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Invalid_utf8_line_is_rejected_by_number()
    {
        var bad = Path.Combine(_directory, "bad.txt");
        await File.WriteAllBytesAsync(bad, [.. "ann@example.com\nbob@example.com\nsecret-"u8, 0xC3, 0x28, .. "@example.com\n"u8], TestContext.Current.CancellationToken);
        var good = WriteItems("good.txt", ["ann@example.com"]);
        await using var federation = await TestFederation.StartAsync([("alice", "@" + bad), ("bob", "@" + good)]);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(Request(maxItems: 5)));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("alice rejected the plan (rule input", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Line 3 is not valid UTF-8 text", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(federation.Logs.Lines, line => line.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_file_and_named_input_are_checked()
    {
        var customers = WriteItems("customers.txt", ["ann@example.com", "bob@example.com"]);
        var missing = Path.Combine(_directory, "missing.txt");
        await using var federation = await TestFederation.StartAsync(
            [("alice", "@" + missing), ("bob", "@" + customers)],
            nodeSettings: _ => new Dictionary<string, string?> { ["Node:Inputs:customers"] = "@" + customers });

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(Request(maxItems: 5)));
        var named = Request(maxItems: 5);
        named.InputName = "customers";
        var outcome = await federation.RunAsync(named);

        Assert.Contains($"the PSI input file '{missing}' of party 'alice' was not found", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2, outcome.Result.Psi.Count);
    }

    [Fact]
    public async Task Node_killed_mid_exchange_is_named()
    {
        var set = PsiTestSets.Unique("x", 20, seed: 27);
        var results = Path.Combine(_directory, "results");
        await using var federation = await TestFederation.StartAsync(
            [("alice", "@" + WriteItems("alice.txt", set)), ("bob", "@" + WriteItems("bob.txt", set)), ("carol", "@" + WriteItems("carol.txt", set))],
            nodeSettings: party => new Dictionary<string, string?>
            {
                ["Node:ResultsDirectory"] = Path.Combine(results, party),
                ["Node:Testing:PauseBeforeStep"] = party == "bob" ? "psi" : null,
            });
        var paused = federation.Logs.WaitForAsync("pausing before step psi");

        var session = federation.RunAsync(Request(maxItems: 20));
        await paused.Within();
        await federation.KillNodeAsync("bob");
        var error = await Assert.ThrowsAsync<RpcException>(() => session);

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("because of party 'bob'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await federation.Store.CountAsync(CancellationToken.None).Within());
        Assert.False(Directory.Exists(results), "a node wrote a result of the failed session");

        var next = await federation.RunAsync(Request(maxItems: 20, parties: ["alice", "carol"]));
        Assert.Equal(20, next.Result.Psi.Count);
    }

    [Fact]
    public async Task Failure_after_exchange_sends_no_items()
    {
        var chunks = new ConcurrentQueue<string>();
        var set = PsiTestSets.Unique("x", 20, seed: 29);
        await using var federation = await TestFederation.StartAsync(
            [("alice", "@" + WriteItems("alice.txt", set)), ("bob", "@" + WriteItems("bob.txt", set)), ("carol", "@" + WriteItems("carol.txt", set))],
            nodeSettings: party => party == "carol" ? new Dictionary<string, string?> { ["Node:Testing:PauseBeforeStep"] = "psi-finished" } : [],
            nodeServices: (party, services) => services.AddSingleton<NodeViewRecorder>(new ChunkRecorder(chunks, party)));

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(new RunSessionRequest
        {
            Computation = Computation.Psi,
            Psi = new PsiParameters { MaxItems = 20 },
            TimeoutMs = 3000,
        }));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("because of party 'carol'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(chunks, chunk => chunk.StartsWith("Chunk", StringComparison.Ordinal));
        Assert.DoesNotContain(chunks, chunk => chunk.StartsWith("Items", StringComparison.Ordinal));
        Assert.Equal(0, await federation.Store.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Psi_stream_claiming_another_party_is_rejected()
    {
        var set = PsiTestSets.Unique("x", 3, seed: 28);
        await using var federation = await StartAsync(("alice", set), ("bob", set), ("carol", set));
        using var channel = MpcNetwork.Shared.Security.MutualTls.CreateChannel(federation.Endpoints["carol"], federation.Identity("alice"), "carol");
        var client = new PsiPeerExchange.PsiPeerExchangeClient(channel);

        var claimed = await ExchangeAsync(client, new PsiPeerFrame { SessionId = "any", Hello = new Hello { PartyId = "bob" } });
        var unknown = await ExchangeAsync(client, new PsiPeerFrame { SessionId = "no-such-session", Hello = new Hello { PartyId = "alice" } });

        Assert.Equal(StatusCode.PermissionDenied, claimed.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Message_sizes_depend_on_bounds_only(int partyCount)
    {
        var first = await RecordSizesAsync(partyCount, itemCount: 3, commonCount: 1);
        var second = await RecordSizesAsync(partyCount, itemCount: 70, commonCount: 50);

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Recipient_writes_results_file()
    {
        var common = PsiTestSets.Unique("common", 5, seed: 25);
        var results = Path.Combine(_directory, "results");
        var alice = WriteItems("alice.txt", common);
        var bob = WriteItems("bob.txt", [.. common, .. PsiTestSets.Unique("b", 5, seed: 26)]);
        await using var federation = await TestFederation.StartAsync(
            [("alice", "@" + alice), ("bob", "@" + bob)],
            nodeSettings: party => new Dictionary<string, string?> { ["Node:ResultsDirectory"] = Path.Combine(results, party) });

        var intersection = await federation.RunAsync(Request(maxItems: 10));
        var cardinality = Request(maxItems: 10);
        cardinality.Psi.Cardinality = true;
        var count = await federation.RunAsync(cardinality);

        Assert.Equal(PsiTestSets.Sorted(common), PsiTestSets.Sorted(File.ReadAllLines(Path.Combine(results, "bob", intersection.SessionId + ".txt"))));
        Assert.Equal(["5"], File.ReadAllLines(Path.Combine(results, "alice", count.SessionId + ".txt")));
    }

    private async Task<List<string>> RecordSizesAsync(int partyCount, int itemCount, int commonCount)
    {
        var chunks = new ConcurrentQueue<string>();
        var common = PsiTestSets.Unique("common", commonCount, seed: itemCount);
        var sets = Enumerable.Range(0, partyCount)
            .Select(i => PsiTestSets.Unique($"p{i}", itemCount - commonCount, seed: (itemCount * 10) + i).Concat(common).ToList())
            .ToArray();
        await using var federation = await StartAsync(
            [.. sets.Select((set, i) => ($"p{i}", set))],
            nodeServices: (party, services) => services.AddSingleton<NodeViewRecorder>(new ChunkRecorder(chunks, party)));

        var request = Request(maxItems: 80);
        request.Psi.PartyMaxItems["p1"] = 100;
        var outcome = await federation.RunAsync(request);

        Assert.Equal(commonCount, outcome.Result.Psi.Count);
        Assert.Contains(chunks, chunk => chunk.StartsWith($"Items p0->p1 {commonCount}", StringComparison.Ordinal));
        return [.. chunks.Where(chunk => chunk.Contains("Chunk", StringComparison.Ordinal))
            .GroupBy(chunk => chunk[..chunk.LastIndexOf(' ')], StringComparer.Ordinal)
            .Select(group => $"{group.Key}: {group.Sum(chunk => long.Parse(chunk[(chunk.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))}")
            .Order(StringComparer.Ordinal)];
    }

    private static async Task<RpcException> ExchangeAsync(PsiPeerExchange.PsiPeerExchangeClient client, PsiPeerFrame hello)
    {
        using var call = client.Exchange(deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: TestContext.Current.CancellationToken);
        await call.RequestStream.WriteAsync(hello, TestContext.Current.CancellationToken).Within();
        return await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).Within());
    }

    private static RunSessionRequest Request(long maxItems, IEnumerable<string>? parties = null)
    {
        var request = new RunSessionRequest { Computation = Computation.Psi, Psi = new PsiParameters { MaxItems = maxItems } };
        request.Parties.AddRange(parties ?? []);
        return request;
    }

    private Task<TestFederation> StartAsync(params (string PartyId, List<string> Items)[] parties) => StartAsync(parties, null, null);

    private Task<TestFederation> StartAsync(
        (string PartyId, List<string> Items)[] parties,
        Action<string, IServiceCollection>? nodeServices = null,
        Action<IServiceCollection>? coordinatorServices = null) =>
        TestFederation.StartAsync(
            [.. parties.Select(party => (party.PartyId, "@" + WriteItems(party.PartyId + "-" + Guid.NewGuid().ToString("N") + ".txt", party.Items)))],
            nodeServices: nodeServices,
            coordinatorServices: coordinatorServices);

    private static SessionResult? Received(TestFederation federation, string party, string sessionId) =>
        federation.Node(party).Services.GetRequiredService<ReceivedResults>().Find(sessionId);

    private static string[] ReceivedItems(TestFederation federation, string party, string sessionId) =>
        PsiTestSets.Sorted(Received(federation, party, sessionId)?.Psi.Items ?? throw new InvalidOperationException($"{party} received no result of session {sessionId}"));

    private string WriteItems(string name, IEnumerable<string> items) => WriteLines(name, items);

    private string WriteLines(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private sealed class ChunkRecorder(ConcurrentQueue<string> chunks, string receiver) : NodeViewRecorder
    {
        public override void PsiChunkReceived(string sessionId, string peerPartyId, PsiMessageKind kind, ReadOnlySpan<byte> records) =>
            chunks.Enqueue($"Chunk {peerPartyId}->{receiver} {kind} {records.Length}");

        public override void PsiItemsReceived(string sessionId, string leaderPartyId, int itemCount) =>
            chunks.Enqueue($"Items {leaderPartyId}->{receiver} {itemCount}");
    }

    private sealed class ReportRecorder(ConcurrentQueue<string> reports) : CoordinatorViewRecorder
    {
        public override void PsiFinishedReceived(string sessionId, string partyId, bool leader, long count) =>
            reports.Enqueue($"{partyId} {leader} {count}");
    }
}
