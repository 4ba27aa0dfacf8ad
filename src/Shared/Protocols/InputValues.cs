using System.Collections.Concurrent;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Shared.Protocols;

/// <summary>
/// Reads a numeric input: a decimal number, or <c>@PATH</c> for a file of values (one per line,
/// or comma-separated on each line; blank lines are skipped). Parsed files are cached by path,
/// size and modification time.
/// </summary>
public static class InputValues
{
    /// <summary>Marks an input text as a file path.</summary>
    public const char FilePrefix = '@';

    private static readonly ConcurrentDictionary<string, (long Length, DateTime Modified, decimal[] Values)> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns the input's values, or a problem that names the line and column (1-based) of a
    /// malformed value but never the value itself.
    /// </summary>
    public static (decimal[]? Values, string? Problem) Read(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith(FilePrefix))
        {
            return FixedPointFormat.TryParse(trimmed, out var value) ? ([value], null) : (null, "the input is not a decimal number");
        }

        var path = trimmed[1..];
        FileInfo file;
        try
        {
            file = new FileInfo(path);
            if (!file.Exists)
            {
                return (null, $"the input file '{path}' was not found");
            }

            if (Cache.TryGetValue(file.FullName, out var cached) && cached.Length == file.Length && cached.Modified == file.LastWriteTimeUtc)
            {
                return (cached.Values, null);
            }

            var (values, problem) = ParseFile(file.FullName);
            if (values is not null)
            {
                Cache[file.FullName] = (file.Length, file.LastWriteTimeUtc, values);
            }

            return (values, problem);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (null, $"the input file '{path}' is unreadable: {error.Message}");
        }
    }

    private static (decimal[]? Values, string? Problem) ParseFile(string path)
    {
        var values = new List<decimal>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var column = 0;
            foreach (var field in line.Split(','))
            {
                column++;
                if (!FixedPointFormat.TryParse(field, out var value))
                {
                    return (null, $"line {lineNumber}, column {column} of the input file is not a decimal number");
                }

                values.Add(value);
            }
        }

        return values.Count == 0 ? (null, "the input file has no values") : ([.. values], null);
    }
}
