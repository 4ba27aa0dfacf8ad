using System.Globalization;
using System.Text.Json;
using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.Coordinator.Cli;

/// <summary>Prints published results as text or as one JSON object per line.</summary>
internal static class ResultPrinter
{
    public static void Print(TextWriter output, SessionResult result, bool json, TimeSpan? elapsed = null)
    {
        var computation = SessionOptions.ComputationName(result.Computation);
        if (!json)
        {
            var time = elapsed is { } span ? $", {span.TotalMilliseconds:0} ms" : "";
            output.WriteLine($"{computation} = {result.Scalar?.Value}  (session {result.SessionId}, parties {string.Join(", ", result.Parties)}{time})");
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("computation", computation);
            writer.WriteString("sessionId", result.SessionId);
            writer.WriteStartArray("parties");
            foreach (var party in result.Parties)
            {
                writer.WriteStringValue(party);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("recipients");
            foreach (var recipient in result.Recipients)
            {
                writer.WriteStringValue(recipient);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("result");
            writer.WriteNumberValue(decimal.Parse(result.Scalar.Value, CultureInfo.InvariantCulture));
            if (elapsed is { } wall)
            {
                writer.WriteNumber("elapsedMs", Math.Round(wall.TotalMilliseconds, 1));
            }

            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
