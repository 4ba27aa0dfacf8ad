using System.Text.Json;
using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.Shared.Protocols;

/// <summary>
/// A vote ballot as a 0/1 vector over the plan's options. Text form: one option name, or a JSON
/// array of names such as <c>["red","green"]</c>.
/// </summary>
public static class Ballot
{
    /// <summary>Checks the plan's vote parameters; returns the problem or null.</summary>
    public static string? ValidateParameters(VoteParameters? parameters)
    {
        if (parameters is null || parameters.Options.Count == 0)
        {
            return "a vote needs at least one option";
        }

        if (parameters.Kind is not (BallotKind.Plurality or BallotKind.Approval))
        {
            return "the ballot kind must be plurality or approval";
        }

        if (parameters.Options.Any(string.IsNullOrWhiteSpace))
        {
            return "an option name is blank";
        }

        var duplicate = parameters.Options.GroupBy(option => option, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        return duplicate is null ? null : $"option '{duplicate.Key}' is listed twice";
    }

    /// <summary>
    /// Parses the ballot text into one 0/1 element per option, or returns the ballot's problem.
    /// The problem names no option, so that a rejection does not reveal the vote.
    /// </summary>
    public static (ulong[]? Vector, string? Problem) Encode(string? text, VoteParameters parameters)
    {
        var names = ParseNames(text);
        if (names is null)
        {
            return (null, "the ballot is not an option name or a JSON array of option names");
        }

        if (names.Count == 0)
        {
            return (null, "the ballot is empty");
        }

        if (parameters.Kind == BallotKind.Plurality && names.Count > 1)
        {
            return (null, $"the ballot names {names.Count} options but a plurality vote takes exactly one");
        }

        // Names compare in Unicode normalisation form C, so composed and decomposed accents match.
        var options = parameters.Options.Select(option => option.Normalize()).ToList();
        var vector = new ulong[options.Count];
        foreach (var name in names)
        {
            var index = options.IndexOf(name.Normalize());
            if (index < 0)
            {
                return (null, "the ballot names an option that is not in the plan");
            }

            if (vector[index] != 0)
            {
                return (null, "the ballot names the same option twice");
            }

            vector[index] = 1;
        }

        return (vector, null);
    }

    /// <summary>Returns the option names of a ballot text, or null when the text is malformed.</summary>
    public static List<string>? ParseNames(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (!trimmed.StartsWith('['))
        {
            return trimmed.Length == 0 ? [] : [trimmed];
        }

        try
        {
            var names = JsonSerializer.Deserialize<List<string?>>(trimmed);
            return names is null || names.Any(name => name is null) ? null : [.. names.Select(name => name!.Trim())];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
