using Google.Protobuf;
using Microsoft.Data.Sqlite;
using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.Coordinator.Storage;

/// <summary>
/// The record of published results (protobuf-encoded), in an SQLite file that survives restarts. Only published
/// results are written: a failed session leaves no row.
/// </summary>
public sealed class ResultStore
{
    private readonly string _connectionString;

    public ResultStore(string databasePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS published_results (
                session_id   TEXT PRIMARY KEY,
                computation  TEXT NOT NULL,
                published_at TEXT NOT NULL,
                result       BLOB NOT NULL
            );
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Records a result. With write-ahead logging and synchronous=NORMAL the row survives a crash or
    /// restart of the process once this returns; a power loss can lose the last rows.
    /// </summary>
    public async Task AddAsync(SessionResult result, CancellationToken cancellation)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO published_results (session_id, computation, published_at, result) VALUES ($id, $computation, $at, $result)";
        command.Parameters.AddWithValue("$id", result.SessionId);
        command.Parameters.AddWithValue("$computation", result.Computation.ToString());
        command.Parameters.AddWithValue("$at", result.PublishedAt.ToDateTimeOffset().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$result", result.ToByteArray());
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Returns the recorded result of a session, or null.</summary>
    public async Task<SessionResult?> FindAsync(string sessionId, CancellationToken cancellation)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT result FROM published_results WHERE session_id = $id";
        command.Parameters.AddWithValue("$id", sessionId);
        var bytes = (byte[]?)await command.ExecuteScalarAsync(cancellation);
        return bytes is null ? null : SessionResult.Parser.ParseFrom(bytes);
    }

    /// <summary>Returns the number of recorded results.</summary>
    public async Task<long> CountAsync(CancellationToken cancellation)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM published_results";
        return (long)(await command.ExecuteScalarAsync(cancellation))!;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
