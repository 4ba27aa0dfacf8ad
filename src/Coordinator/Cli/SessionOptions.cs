using System.CommandLine;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Coordinator.Cli;

/// <summary>Options shared by the commands that start sessions (run, local).</summary>
internal sealed class SessionOptions
{
    public Option<string> Computation { get; } = new("--computation", "-c")
    {
        Description = "Computation to run: sum or average.",
        Required = true,
    };

    public Option<string[]> Recipients { get; } = new("--recipients")
    {
        Description = "Comma-separated party ids that receive the result, and 'caller' for this command. Default: every party and the caller.",
        CustomParser = result => SplitList(result.Tokens.Select(token => token.Value)),
    };

    public Option<int?> Scale { get; } = new("--scale")
    {
        Description = "Fractional decimal digits of the fixed-point inputs (0-18). Default 0 for run; for local, the most digits any input has.",
    };

    public Option<decimal?> Min { get; } = new("--min")
    {
        Description = "Smallest allowed input. Default -1000000000.",
    };

    public Option<decimal?> Max { get; } = new("--max")
    {
        Description = "Largest allowed input. Default 1000000000.",
    };

    public Option<int> TimeoutSeconds { get; } = new("--timeout")
    {
        Description = "Session deadline in seconds. Default: the coordinator's Coordinator:SessionTimeout (30 s).",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON object per session instead of text.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Computation);
        command.Options.Add(Recipients);
        command.Options.Add(Scale);
        command.Options.Add(Min);
        command.Options.Add(Max);
        command.Options.Add(TimeoutSeconds);
        command.Options.Add(Json);
    }

    /// <summary>Builds the request from the parsed options; throws <see cref="ArgumentException"/> on a bad value.</summary>
    public RunSessionRequest BuildRequest(ParseResult parse, IEnumerable<string> parties, int defaultScale)
    {
        var format = new FixedPointFormat(
            parse.GetValue(Scale) ?? defaultScale,
            parse.GetValue(Min) ?? -FixedPointFormat.DefaultBound,
            parse.GetValue(Max) ?? FixedPointFormat.DefaultBound);
        var request = new RunSessionRequest
        {
            Computation = ParseComputation(parse.GetValue(Computation)),
            NumberFormat = format.ToProto(),
            TimeoutMs = checked(parse.GetValue(TimeoutSeconds) * 1000),
        };
        request.Parties.AddRange(parties);
        request.Recipients.AddRange(parse.GetValue(Recipients) ?? []);
        return request;
    }

    public static Protos.Session.V1.Computation ParseComputation(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "sum" => Protos.Session.V1.Computation.Sum,
        "average" or "avg" or "mean" => Protos.Session.V1.Computation.Average,
        _ => throw new ArgumentException($"Unknown computation '{name}': use sum or average."),
    };

    public static string ComputationName(Protos.Session.V1.Computation computation) => computation switch
    {
        Protos.Session.V1.Computation.Sum => "sum",
        Protos.Session.V1.Computation.Average => "average",
        _ => computation.ToString().ToLowerInvariant(),
    };

    public static string[] SplitList(IEnumerable<string> tokens) =>
        [.. tokens.SelectMany(token => token.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
