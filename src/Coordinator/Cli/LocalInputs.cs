using System.Text.Json;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Shared.Security;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Coordinator.Cli;

/// <summary>
/// Reads the <c>local</c> command's inputs file: <c>{"parties":[{"id":"alice","input":3800}, ...]}</c>.
/// An input is a number, a string (a number or an option name), or an array of option names.
/// </summary>
internal static class LocalInputs
{
    /// <summary>Parses and checks the file; throws <see cref="ArgumentException"/> naming the party and value at fault.</summary>
    public static List<PartyInput> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"Inputs file '{path}' was not found.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException error)
        {
            throw new ArgumentException($"Inputs file '{path}' is not valid JSON: {error.Message}");
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("parties", out var parties) || parties.ValueKind != JsonValueKind.Array)
            {
                throw new ArgumentException($"Inputs file '{path}' needs a \"parties\" array of {{\"id\": ..., \"input\": ...}} objects.");
            }

            var result = new List<PartyInput>();
            var index = 0;
            foreach (var party in parties.EnumerateArray())
            {
                result.Add(ReadParty(path, index++, party));
            }

            var duplicate = result.GroupBy(party => party.PartyId).FirstOrDefault(group => group.Count() > 1);
            if (duplicate is not null)
            {
                throw new ArgumentException($"Inputs file '{path}' lists party '{duplicate.Key}' twice.");
            }

            if (result.Count < 2)
            {
                throw new ArgumentException($"Inputs file '{path}' lists {result.Count} parties; a session needs at least 2.");
            }

            return result;
        }
    }

    /// <summary>The most fractional digits among the numeric inputs: the smallest scale that represents them all.</summary>
    public static int InferScale(IEnumerable<PartyInput> parties) =>
        parties.SelectMany(party => InputValues.Read(party.Input).Values ?? []).Select(FractionDigits).DefaultIfEmpty(0).Max();

    /// <summary>
    /// The vector length shared by all inputs, 0 when every input is a single number given inline.
    /// Throws <see cref="ArgumentException"/> naming the party whose input is unreadable or of another length.
    /// </summary>
    public static long InferVectorLength(IReadOnlyList<PartyInput> parties)
    {
        var lengths = new List<long>();
        foreach (var party in parties)
        {
            var (values, problem) = InputValues.Read(party.Input);
            if (values is null)
            {
                throw new ArgumentException($"The input of party '{party.PartyId}' ({party.Input}) is invalid: {problem}.");
            }

            lengths.Add(values.Length);
        }

        var other = lengths.FindIndex(length => length != lengths[0]);
        if (other >= 0)
        {
            throw new ArgumentException($"Party '{parties[0].PartyId}' has {lengths[0]} values but party '{parties[other].PartyId}' has {lengths[other]}; all inputs need the same length.");
        }

        var anyFile = parties.Any(party => party.Input.TrimStart().StartsWith(InputValues.FilePrefix));
        return anyFile || lengths[0] > 1 ? lengths[0] : 0;
    }

    /// <summary>Checks every input against the request, naming the party, the value and the limit.</summary>
    public static void Check(IEnumerable<PartyInput> parties, RunSessionRequest request, FixedPointFormat format)
    {
        if (request.Computation == Computation.Vote)
        {
            foreach (var party in parties)
            {
                var (_, problem) = Ballot.Encode(party.Input, request.Vote);
                if (problem is not null)
                {
                    throw new ArgumentException($"The ballot of party '{party.PartyId}' ({party.Input}) is invalid: {problem}; the options are {string.Join(", ", request.Vote.Options)}.");
                }
            }

            return;
        }

        if (request.Computation == Computation.Poll)
        {
            var invalid = parties.FirstOrDefault(party => party.Input.Trim().ToLowerInvariant() is not ("yes" or "no" or "true" or "false" or "1" or "0"));
            if (invalid is not null)
            {
                throw new ArgumentException($"The poll answer of party '{invalid.PartyId}' ({invalid.Input}) is not yes or no.");
            }

            return;
        }

        var rangeHint = "; pass --min/--max to widen the range";
        if (request.Computation == Computation.Auction)
        {
            var schedule = AuctionSchedule.From(request.Auction);
            format = format with { Min = 0, Max = schedule.MaxBid / format.Factor };
            rangeHint = $"; bids are non-negative and below 2^{schedule.BitLength} after scaling (--bit-length)";
        }

        // A private sum clamps inputs to its bounds instead of rejecting them.
        var clamps = request.Dp is not null;

        foreach (var party in parties)
        {
            var (values, problem) = InputValues.Read(party.Input);
            if (values is null)
            {
                throw new ArgumentException($"The input of party '{party.PartyId}' ({party.Input}) is invalid: {problem}.");
            }

            for (var i = 0; i < values.Length; i++)
            {
                var value = clamps ? Math.Clamp(values[i], format.Min, format.Max) : values[i];
                var violation = format.TryEncode(value, out _);
                if (violation != InputViolation.None)
                {
                    var hint = violation == InputViolation.TooManyFractionDigits ? "; pass --scale to allow more digits" : rangeHint;
                    var where = values.Length == 1 ? "" : $" element {i + 1}";
                    throw new ArgumentException($"The input of party '{party.PartyId}'{where} ({FixedPointFormat.Format(values[i])}) {format.Describe(violation)}{hint}.");
                }
            }
        }
    }

    /// <summary>
    /// Checks that every PSI input is an existing file, and gives every party without a bound the
    /// line count of the longest file (an upper bound on any file's distinct items).
    /// </summary>
    public static void CheckPsi(IReadOnlyList<PartyInput> parties, RunSessionRequest request)
    {
        var lineCounts = new List<long>();
        foreach (var party in parties)
        {
            var text = party.Input.Trim();
            if (!text.StartsWith(InputValues.FilePrefix) || !File.Exists(text[1..]))
            {
                throw new ArgumentException($"The PSI input of party '{party.PartyId}' must be an existing file written as \"@PATH\" (relative to the inputs file); got '{party.Input}'.");
            }

            lineCounts.Add(File.ReadLines(text[1..]).LongCount());
        }

        if (request.Psi.MaxItems == 0)
        {
            request.Psi.MaxItems = Math.Max(1, lineCounts.Max());
        }
    }

    private static PartyInput ReadParty(string path, int index, JsonElement party)
    {
        var where = $"Inputs file '{path}', party #{index + 1}";
        if (party.ValueKind != JsonValueKind.Object || !party.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            throw new ArgumentException($"{where}: needs an \"id\" string.");
        }

        var partyId = id.GetString()!;
        if (!PartyIdentity.IsValid(partyId) || partyId is PartyIdentity.Coordinator or PartyIdentity.Caller)
        {
            throw new ArgumentException($"{where}: '{partyId}' is not a valid party id (1-64 of a-z, 0-9, '-', '_'; not 'coordinator' or 'caller').");
        }

        if (!party.TryGetProperty("input", out var input))
        {
            throw new ArgumentException($"{where} ('{partyId}'): has no \"input\".");
        }

        var text = input.ValueKind switch
        {
            JsonValueKind.Number => input.GetRawText(),
            JsonValueKind.String => input.GetString()!,
            JsonValueKind.Array when input.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) => input.GetRawText(),
            _ => throw new ArgumentException($"{where} ('{partyId}'): \"input\" must be a number, a string or an array of option names."),
        };
        if (input.ValueKind == JsonValueKind.String && text.TrimStart().StartsWith(InputValues.FilePrefix))
        {
            // A file path is relative to the inputs file's folder.
            var file = text.Trim()[1..];
            text = InputValues.FilePrefix + Path.GetFullPath(file, Path.GetDirectoryName(Path.GetFullPath(path))!);
        }

        if (input.ValueKind == JsonValueKind.Number && !FixedPointFormat.TryParse(text, out _))
        {
            throw new ArgumentException($"{where} ('{partyId}'): input '{text}' is not a decimal number (no exponents).");
        }

        return new PartyInput(partyId, text.Trim());
    }

    private static int FractionDigits(decimal value)
    {
        var normalized = value / 1.0000000000000000000000000000m;
        return normalized.Scale;
    }
}
