using System.Globalization;
using Microsoft.Data.Sqlite;
using MpcNetwork.Shared.Privacy;

namespace MpcNetwork.Node.Privacy;

/// <summary>
/// A node's durable privacy-budget ledger, one budget per protected input, in an SQLite file.
/// Every spend is stored exactly (as rational text) with its session id and time. A debit checks
/// and writes in one <c>BEGIN IMMEDIATE</c> transaction, so concurrent debits, from this process
/// or another one on the same file, are serialised and can never overspend. Spends are never
/// refunded, even when the session later aborts.
/// </summary>
/// <remarks>
/// The file uses write-ahead logging with <c>synchronous=FULL</c>, so a debit that returned
/// survives a crash of the process or the machine. Callers debit before the first share leaves the
/// node; a crash between the debit and the send loses budget but never releases an unpaid result.
/// </remarks>
public sealed class BudgetLedger
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS spends (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            input_name TEXT NOT NULL,
            session_id TEXT NOT NULL,
            epsilon TEXT NOT NULL,
            spent_at TEXT NOT NULL,
            UNIQUE (input_name, session_id)
        );
        """;

    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, Rational> _totals;
    private readonly TimeProvider _timeProvider;

    /// <summary>Opens the ledger file, creating it and its table when missing.</summary>
    /// <param name="databasePath">Path of the SQLite file.</param>
    /// <param name="totals">Total ε per protected input, from the node's configuration; each must be non-negative.</param>
    /// <param name="timeProvider">Clock for the spend times.</param>
    /// <param name="busyTimeout">How long a debit waits for another writer's lock before it fails; default 30 s.</param>
    public BudgetLedger(string databasePath, IReadOnlyDictionary<string, Rational> totals, TimeProvider timeProvider, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(timeProvider);
        foreach (var (input, total) in totals)
        {
            if (total.Sign < 0)
            {
                throw new ArgumentException($"The privacy budget for input '{input}' is {total}; a total must not be negative.", nameof(totals));
            }
        }

        _totals = new Dictionary<string, Rational>(totals, StringComparer.Ordinal);
        _timeProvider = timeProvider;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(30)).TotalSeconds),
        }.ToString();

        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, Schema);
    }

    /// <summary>
    /// Charges <paramref name="epsilon"/> to <paramref name="inputName"/> for <paramref name="sessionId"/>
    /// and returns the committed entry.
    /// </summary>
    /// <exception cref="BudgetExceededException">The request is more than the input's remaining budget; nothing is written.</exception>
    /// <exception cref="ArgumentException">
    /// The input has no configured budget, ε is not positive, or the session already paid for this input.
    /// </exception>
    public LedgerEntry Debit(string inputName, Rational epsilon, string sessionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var total = TotalFor(inputName);
        if (epsilon.Sign <= 0)
        {
            throw new ArgumentException($"A debit must be positive, but epsilon {epsilon} was requested for input '{inputName}'.", nameof(epsilon));
        }

        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);

        var spends = ReadSpends(connection, transaction, inputName);
        if (spends.Any(spend => spend.SessionId == sessionId))
        {
            throw new ArgumentException($"Session '{sessionId}' has already been charged to input '{inputName}'; a session id is single-use.", nameof(sessionId));
        }

        var remaining = total - Sum(spends);
        if (epsilon > remaining)
        {
            throw new BudgetExceededException(inputName, epsilon, remaining);
        }

        var spentAt = _timeProvider.GetUtcNow();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO spends (input_name, session_id, epsilon, spent_at)
            VALUES ($input, $session, $epsilon, $spentAt)
            RETURNING id;
            """;
        insert.Parameters.AddWithValue("$input", inputName);
        insert.Parameters.AddWithValue("$session", sessionId);
        insert.Parameters.AddWithValue("$epsilon", epsilon.ToString());
        insert.Parameters.AddWithValue("$spentAt", spentAt.ToString("O", CultureInfo.InvariantCulture));
        var id = (long)insert.ExecuteScalar()!;

        transaction.Commit();
        return new LedgerEntry(id, inputName, sessionId, epsilon, spentAt);
    }

    /// <summary>Returns the budget of one configured input.</summary>
    /// <exception cref="ArgumentException">The input has no configured budget.</exception>
    public BudgetStatus GetStatus(string inputName)
    {
        var total = TotalFor(inputName);
        using var connection = Open();
        var spends = ReadSpends(connection, transaction: null, inputName);
        return new BudgetStatus(inputName, total, Sum(spends), spends.Count);
    }

    /// <summary>Returns the budget of every configured input, ordered by name.</summary>
    public IReadOnlyList<BudgetStatus> ListStatuses() =>
        _totals.Keys.Order(StringComparer.Ordinal).Select(GetStatus).ToList();

    /// <summary>
    /// Returns committed spends in commit order, for one input or, when <paramref name="inputName"/>
    /// is null, for all inputs including any no longer in the configuration.
    /// </summary>
    public IReadOnlyList<LedgerEntry> ListSpends(string? inputName = null)
    {
        using var connection = Open();
        return ReadSpends(connection, transaction: null, inputName);
    }

    private Rational TotalFor(string inputName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputName);
        return _totals.TryGetValue(inputName, out var total)
            ? total
            : throw new ArgumentException($"No privacy budget is configured for input '{inputName}'; add its total epsilon to the node's configuration.", nameof(inputName));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=FULL;");
        return connection;
    }

    private static List<LedgerEntry> ReadSpends(SqliteConnection connection, SqliteTransaction? transaction, string? inputName)
    {
        using var query = connection.CreateCommand();
        query.Transaction = transaction;
        query.CommandText = inputName is null
            ? "SELECT id, input_name, session_id, epsilon, spent_at FROM spends ORDER BY id;"
            : "SELECT id, input_name, session_id, epsilon, spent_at FROM spends WHERE input_name = $input ORDER BY id;";
        query.Parameters.AddWithValue("$input", inputName ?? string.Empty);

        var entries = new List<LedgerEntry>();
        using var reader = query.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new LedgerEntry(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                Rational.Parse(reader.GetString(3)),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }

        return entries;
    }

    private static Rational Sum(IEnumerable<LedgerEntry> spends) =>
        spends.Aggregate(Rational.Zero, (sum, spend) => sum + spend.Epsilon);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
