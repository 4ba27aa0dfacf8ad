using System.Text;

namespace MpcNetwork.Shared.Psi;

/// <summary>
/// Reads a PSI input: one item per line (LF or CRLF), or one column of a CSV file, canonicalised
/// by a profile, deduplicated and checked against the declared bound.
/// </summary>
public static class PsiInputReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads and canonicalises the file at <paramref name="path"/>.</summary>
    /// <exception cref="PsiInputException">A line is not valid UTF-8 or lacks the CSV column, or the set exceeds its bound.</exception>
    public static PsiItemSet ReadFile(string path, PsiInputOptions options)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, options);
    }

    /// <summary>Reads and canonicalises the lines of <paramref name="stream"/>.</summary>
    /// <exception cref="PsiInputException">A line is not valid UTF-8 or lacks the CSV column, or the set exceeds its bound.</exception>
    public static PsiItemSet Read(Stream stream, PsiInputOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        CheckBound(options.Bound);

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);

        var builder = new ItemSetBuilder(options.Profile, options.Bound);
        var lineNumber = 0;
        while (!content.IsEmpty)
        {
            lineNumber++;
            var end = content.IndexOf((byte)'\n');
            var line = end < 0 ? content : content[..end];
            content = end < 0 ? [] : content[(end + 1)..];
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (lineNumber == 1 && options.SkipHeader)
            {
                continue;
            }

            var text = DecodeLine(line, lineNumber);
            if (options.CsvColumn is { } column && !string.IsNullOrWhiteSpace(text))
            {
                text = CsvLine.Field(text, column, lineNumber);
            }

            builder.Add(text);
        }

        return builder.Build();
    }

    /// <summary>Canonicalises values held in memory; for callers that do not read a file.</summary>
    /// <exception cref="PsiInputException">A value is not valid UTF-16 text, or the set exceeds its bound.</exception>
    public static PsiItemSet FromValues(IEnumerable<string> values, CanonicalProfile profile, int bound)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckBound(bound);

        var builder = new ItemSetBuilder(profile, bound);
        var index = 0;
        foreach (var value in values)
        {
            index++;
            if (!IsValidUtf16(value))
            {
                throw new PsiInputException($"Value {index} is not valid UTF-16 text (it contains a lone surrogate).");
            }

            builder.Add(value);
        }

        return builder.Build();
    }

    private static string DecodeLine(ReadOnlySpan<byte> line, int lineNumber)
    {
        try
        {
            return StrictUtf8.GetString(line);
        }
        catch (DecoderFallbackException exception)
        {
            // The message names the line only: the bytes may be a customer's data.
            throw new PsiInputException($"Line {lineNumber} is not valid UTF-8 text. Fix or remove that line and try again.", exception);
        }
    }

    private static bool IsValidUtf16(string value)
    {
        try
        {
            _ = StrictUtf8.GetByteCount(value);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static void CheckBound(int bound)
    {
        if (bound < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "A PSI set bound must be at least 1.");
        }
    }

    private sealed class ItemSetBuilder(CanonicalProfile profile, int bound)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<byte[]> _items = [];
        private int _blankCount;
        private int _duplicateCount;

        public void Add(string value)
        {
            var canonical = ItemCanonicalizer.Canonicalize(value, profile);
            if (canonical.Length == 0)
            {
                _blankCount++;
            }
            else if (_seen.Add(canonical))
            {
                _items.Add(StrictUtf8.GetBytes(canonical));
            }
            else
            {
                _duplicateCount++;
            }
        }

        public PsiItemSet Build()
        {
            if (_items.Count > bound)
            {
                throw new PsiInputException(
                    $"The set has {_items.Count} distinct items, more than its declared bound of {bound}. Raise the bound in the plan or shrink the input.")
                {
                    ExceedsBound = true,
                };
            }

            return new PsiItemSet(_items, bound, _blankCount, _duplicateCount);
        }
    }
}
