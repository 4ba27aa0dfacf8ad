using System.Text;

namespace MpcNetwork.Shared.Psi;

/// <summary>
/// Extracts one field from a CSV line: comma separated, fields optionally in double quotes with
/// "" for a literal quote (RFC 4180).
/// </summary>
/// <remarks>A quoted field cannot span lines here; such a line is rejected as unterminated.</remarks>
internal static class CsvLine
{
    public static string Field(string line, int column, int lineNumber)
    {
        var field = new StringBuilder();
        var current = 0;
        var position = 0;
        while (true)
        {
            field.Clear();
            if (position < line.Length && line[position] == '"')
            {
                position = ReadQuoted(line, position + 1, field, lineNumber);
            }
            else
            {
                var comma = line.IndexOf(',', position);
                var end = comma < 0 ? line.Length : comma;
                field.Append(line, position, end - position);
                position = end;
            }

            if (current == column)
            {
                return field.ToString();
            }

            if (position >= line.Length)
            {
                throw new PsiInputException(
                    $"Line {lineNumber} has {current + 1} CSV fields; column {column} (zero-based) is missing.");
            }

            // position is at a comma: skip it and read the next field.
            position++;
            current++;
        }
    }

    private static int ReadQuoted(string line, int position, StringBuilder field, int lineNumber)
    {
        while (position < line.Length)
        {
            var character = line[position];
            if (character != '"')
            {
                field.Append(character);
                position++;
            }
            else if (position + 1 < line.Length && line[position + 1] == '"')
            {
                field.Append('"');
                position += 2;
            }
            else
            {
                position++;
                if (position < line.Length && line[position] != ',')
                {
                    throw new PsiInputException($"Line {lineNumber} has text after a closing quote in a CSV field.");
                }

                return position;
            }
        }

        throw new PsiInputException($"Line {lineNumber} has a CSV field with an unterminated quote.");
    }
}
