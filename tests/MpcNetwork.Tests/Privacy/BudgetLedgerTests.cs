using MpcNetwork.Node.Privacy;
using MpcNetwork.Shared.Privacy;
using MpcNetwork.Tests.Support;

namespace MpcNetwork.Tests.Privacy;

public sealed class BudgetLedgerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mpc-ledger-").FullName;
    private readonly SteppingTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    private string DatabasePath => Path.Combine(_directory, "ledger.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Debits_add_exactly()
    {
        var ledger = OpenLedger(("salary", "1"));

        ledger.Debit("salary", Rational.Parse("0.1"), "session-1");
        ledger.Debit("salary", Rational.Parse("0.2"), "session-2");
        var status = ledger.GetStatus("salary");

        Assert.Equal(Rational.Parse("0.3"), status.Spent);
        Assert.Equal(Rational.Parse("0.7"), status.Remaining);
        Assert.Equal(2, status.SpendCount);
    }

    [Fact]
    public void Budget_can_be_spent_to_exactly_zero()
    {
        var ledger = OpenLedger(("salary", "1"));

        foreach (var (epsilon, session) in new[] { ("0.2", "a"), ("0.4", "b"), ("0.3", "c"), ("0.1", "d") })
        {
            ledger.Debit("salary", Rational.Parse(epsilon), session);
        }

        Assert.Equal(Rational.Zero, ledger.GetStatus("salary").Remaining);
        Assert.Throws<BudgetExceededException>(() => ledger.Debit("salary", Rational.Parse("0.0000000000000000000000000001"), "e"));
    }

    [Fact]
    public void Debit_past_budget_is_rejected()
    {
        var ledger = OpenLedger(("salary", "1"));
        ledger.Debit("salary", Rational.Parse("0.7"), "session-1");

        var error = Assert.Throws<BudgetExceededException>(() => ledger.Debit("salary", Rational.Parse("0.5"), "session-2"));

        Assert.Equal("salary", error.InputName);
        Assert.Equal(Rational.Parse("0.5"), error.Requested);
        Assert.Equal(Rational.Parse("0.3"), error.Remaining);
        Assert.Contains("'salary'", error.Message, StringComparison.Ordinal);
        Assert.Contains("epsilon 0.5", error.Message, StringComparison.Ordinal);
        Assert.Contains("remaining 0.3", error.Message, StringComparison.Ordinal);
        Assert.Single(ledger.ListSpends("salary"));
    }

    [Fact]
    public void Rational_spends_are_stored_exactly()
    {
        var ledger = OpenLedger(("votes", "1"));

        ledger.Debit("votes", new Rational(1, 3), "a");
        ledger.Debit("votes", new Rational(1, 3), "b");
        ledger.Debit("votes", new Rational(1, 3), "c");

        Assert.Equal(Rational.Zero, ledger.GetStatus("votes").Remaining);
        Assert.All(ledger.ListSpends("votes"), spend => Assert.Equal(new Rational(1, 3), spend.Epsilon));
    }

    [Fact]
    public async Task Parallel_debits_never_overspend()
    {
        // Two ledger objects on one file stand in for two writers; 40 debits of 0.1 race for a budget of 1.
        var first = OpenLedger(("salary", "1"));
        var second = OpenLedger(("salary", "1"));

        var attempts = Enumerable.Range(0, 40).Select(i => Task.Run(() =>
        {
            try
            {
                (i % 2 == 0 ? first : second).Debit("salary", Rational.Parse("0.1"), $"session-{i}");
                return true;
            }
            catch (BudgetExceededException)
            {
                return false;
            }
        }));
        var results = await Task.WhenAll(attempts).Within();

        Assert.Equal(10, results.Count(accepted => accepted));
        Assert.Equal(Rational.One, first.GetStatus("salary").Spent);
        Assert.Equal(10, first.ListSpends("salary").Count);
    }

    [Fact]
    public void Reopened_ledger_keeps_spends()
    {
        var ledger = OpenLedger(("salary", "1"), ("age", "2"));
        ledger.Debit("salary", Rational.Parse("0.25"), "session-1");
        ledger.Debit("age", new Rational(2, 3), "session-2");

        var reopened = OpenLedger(("salary", "1"), ("age", "2"));

        Assert.Equal(Rational.Parse("0.75"), reopened.GetStatus("salary").Remaining);
        Assert.Equal(new Rational(4, 3), reopened.GetStatus("age").Remaining);
    }

    [Fact]
    public void Crash_image_keeps_committed_spends()
    {
        // A reader keeps the write-ahead log from being checkpointed, so the copied files are what a
        // crash would leave on disk: the main file plus a log holding the committed debits.
        var ledger = OpenLedger(("salary", "1"));
        using var reader = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        reader.Open();
        using (var query = reader.CreateCommand())
        {
            query.CommandText = "SELECT COUNT(*) FROM spends;";
            query.ExecuteScalar();
        }

        ledger.Debit("salary", Rational.Parse("0.4"), "session-1");
        ledger.Debit("salary", Rational.Parse("0.35"), "session-2");

        var crashDirectory = Path.Combine(_directory, "crash");
        Directory.CreateDirectory(crashDirectory);
        foreach (var file in Directory.GetFiles(_directory, "ledger.db*"))
        {
            File.Copy(file, Path.Combine(crashDirectory, Path.GetFileName(file)));
        }

        Assert.True(File.Exists(Path.Combine(crashDirectory, "ledger.db-wal")), "the copy has no write-ahead log, so it does not model a crash");
        var recovered = new BudgetLedger(Path.Combine(crashDirectory, "ledger.db"), Totals(("salary", "1")), _time);
        Assert.Equal(Rational.Parse("0.75"), recovered.GetStatus("salary").Spent);
        Assert.Equal(["session-1", "session-2"], recovered.ListSpends("salary").Select(spend => spend.SessionId));
    }

    [Fact]
    public void Listing_shows_every_spend_in_order()
    {
        var ledger = OpenLedger(("salary", "1"), ("age", "1"));
        ledger.Debit("salary", Rational.Parse("0.5"), "session-1");
        _time.Advance(TimeSpan.FromMinutes(5));
        ledger.Debit("age", Rational.Parse("0.125"), "session-2");

        var spends = ledger.ListSpends();
        var statuses = ledger.ListStatuses();

        Assert.Equal(["salary", "age"], spends.Select(spend => spend.InputName));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 12, 5, 0, TimeSpan.Zero), spends[1].SpentAt);
        Assert.Equal(Rational.Parse("0.125"), spends[1].Epsilon);
        Assert.Equal(["age", "salary"], statuses.Select(status => status.InputName));
        Assert.Equal(Rational.Parse("0.875"), statuses[0].Remaining);
    }

    [Fact]
    public void Same_session_cannot_pay_twice()
    {
        var ledger = OpenLedger(("salary", "1"));
        ledger.Debit("salary", Rational.Parse("0.1"), "session-1");

        var error = Assert.Throws<ArgumentException>(() => ledger.Debit("salary", Rational.Parse("0.1"), "session-1"));

        Assert.Contains("session-1", error.Message, StringComparison.Ordinal);
        Assert.Single(ledger.ListSpends());
    }

    [Fact]
    public void Unknown_input_is_rejected()
    {
        var ledger = OpenLedger(("salary", "1"));

        var error = Assert.Throws<ArgumentException>(() => ledger.Debit("height", Rational.Parse("0.1"), "session-1"));

        Assert.Contains("'height'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.1")]
    public void Nonpositive_debit_is_rejected(string epsilon)
    {
        var ledger = OpenLedger(("salary", "1"));

        Assert.Throws<ArgumentException>(() => ledger.Debit("salary", Rational.Parse(epsilon), "session-1"));
        Assert.Empty(ledger.ListSpends());
    }

    private BudgetLedger OpenLedger(params (string Input, string Total)[] totals) => new(DatabasePath, Totals(totals), _time);

    private static Dictionary<string, Rational> Totals(params (string Input, string Total)[] totals) =>
        totals.ToDictionary(pair => pair.Input, pair => Rational.Parse(pair.Total));

    private sealed class SteppingTimeProvider(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan step) => _now += step;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
