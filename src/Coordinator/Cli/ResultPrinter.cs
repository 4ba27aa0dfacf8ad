using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Protocols;

namespace MpcNetwork.Coordinator.Cli;

/// <summary>Prints published results as text or as one JSON object per line.</summary>
internal static class ResultPrinter
{
    public static void Print(TextWriter output, SessionResult result, bool json, TimeSpan? elapsed = null)
    {
        if (json)
        {
            output.WriteLine(ToJson(result, elapsed));
            return;
        }

        var time = elapsed is { } span ? $", {span.TotalMilliseconds:0} ms" : "";
        output.WriteLine($"{SessionOptions.ComputationName(result.Computation)} = {Describe(result)}  (session {result.SessionId}, parties {string.Join(", ", result.Parties)}{time})");
        if (result.Dp is { } dp)
        {
            output.WriteLine(dp.Mechanism == "randomized-response"
                ? $"  differentially private: randomized response, epsilon {dp.Epsilon}, truthful answer probability {dp.NoiseScale}; the estimate is within ±{dp.IntervalHalfWidth} with 95% probability"
                : $"  differentially private: {dp.Mechanism} noise, epsilon {dp.Epsilon}, sensitivity {dp.Sensitivity}, scale {dp.NoiseScale}; the noise is within ±{dp.IntervalHalfWidth} with 95% probability");
        }
    }

    /// <summary>Returns the result as text: a number, the auction's outcome, or the count per option.</summary>
    public static string Describe(SessionResult result) => result.ValueCase switch
    {
        SessionResult.ValueOneofCase.Scalar => result.Scalar.Value,
        SessionResult.ValueOneofCase.Auction => DescribeAuction(result.Auction),
        SessionResult.ValueOneofCase.Vote => string.Join(", ", result.Vote.Counts.Select(count => $"{count.Option}: {count.Count}")),
        SessionResult.ValueOneofCase.Vector => DescribeVector(result.Vector),
        SessionResult.ValueOneofCase.Poll => $"{result.Poll.YesCount} of {result.Poll.Respondents} randomized answers yes; estimated true share {result.Poll.Estimate} (standard error {result.Poll.StandardError})",
        SessionResult.ValueOneofCase.Psi => DescribePsi(result.Psi),
        _ => "(no value)",
    };

    public static string ToJson(SessionResult result, TimeSpan? elapsed)
    {
        using var buffer = new MemoryStream();
        // Option names stay readable: non-ASCII letters are written as they are, not as \u escapes.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("computation", SessionOptions.ComputationName(result.Computation));
            writer.WriteString("sessionId", result.SessionId);
            WriteStrings(writer, "parties", result.Parties);
            WriteStrings(writer, "recipients", result.Recipients);
            writer.WritePropertyName("result");
            WriteValue(writer, result);
            if (result.Dp is { } dp)
            {
                writer.WriteStartObject("dp");
                writer.WriteString("mechanism", dp.Mechanism);
                writer.WriteString("epsilon", dp.Epsilon);
                writer.WriteString("sensitivity", dp.Sensitivity);
                writer.WriteString("noiseScale", dp.NoiseScale);
                writer.WriteString("interval95HalfWidth", dp.IntervalHalfWidth);
                writer.WriteNumber("collusionThreshold", dp.CollusionThreshold);
                writer.WriteEndObject();
            }

            if (elapsed is { } wall)
            {
                writer.WriteNumber("elapsedMs", Math.Round(wall.TotalMilliseconds, 1));
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, SessionResult result)
    {
        switch (result.ValueCase)
        {
            case SessionResult.ValueOneofCase.Scalar:
                writer.WriteNumberValue(ParseDecimal(result.Scalar.Value));
                break;
            case SessionResult.ValueOneofCase.Auction:
                writer.WriteStartObject();
                writer.WriteNumber("winningBid", ParseDecimal(result.Auction.WinningBid));
                if (result.Auction.Winner.Length > 0)
                {
                    writer.WriteString("winner", result.Auction.Winner);
                }

                if (result.Auction.Price.Length > 0)
                {
                    writer.WriteNumber("price", ParseDecimal(result.Auction.Price));
                }

                writer.WriteEndObject();
                break;
            case SessionResult.ValueOneofCase.Vector:
                writer.WriteStartArray();
                for (var i = 0; i < result.Vector.Sums.Count; i++)
                {
                    writer.WriteNumberValue(ResultValues.Element(result.Vector, i));
                }

                writer.WriteEndArray();
                break;
            case SessionResult.ValueOneofCase.Poll:
                writer.WriteStartObject();
                writer.WriteNumber("yesCount", result.Poll.YesCount);
                writer.WriteNumber("respondents", result.Poll.Respondents);
                writer.WriteNumber("estimate", ParseDecimal(result.Poll.Estimate));
                writer.WriteNumber("standardError", ParseDecimal(result.Poll.StandardError));
                writer.WriteEndObject();
                break;
            case SessionResult.ValueOneofCase.Vote:
                writer.WriteStartArray();
                foreach (var count in result.Vote.Counts)
                {
                    writer.WriteStartObject();
                    writer.WriteString("option", count.Option);
                    writer.WriteNumber("count", count.Count);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                break;
            case SessionResult.ValueOneofCase.Psi:
                writer.WriteStartObject();
                writer.WriteNumber("count", result.Psi.Count);
                writer.WriteBoolean("cardinality", result.Psi.Cardinality);
                if (result.Psi.Items.Count > 0)
                {
                    WriteStrings(writer, "items", result.Psi.Items);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static string DescribeVector(VectorResult vector)
    {
        const int shown = 8;
        var values = string.Join(", ", ResultValues.Format(vector).Take(shown));
        return vector.Sums.Count <= shown ? $"[{values}]" : $"[{values}, …] ({vector.Sums.Count} values; --json prints all)";
    }

    private static string DescribePsi(PsiResult psi) => psi.Count == 1 ? "1 common item" : $"{psi.Count} common items";

    private static string DescribeAuction(AuctionResult auction)
    {
        var text = $"winning bid {auction.WinningBid}";
        if (auction.Winner.Length > 0)
        {
            text += $" by {auction.Winner}";
        }

        if (auction.Price.Length > 0)
        {
            text += $", price {auction.Price}";
        }

        return text;
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static decimal ParseDecimal(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}
