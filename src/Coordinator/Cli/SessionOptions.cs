using System.CommandLine;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Coordinator.Cli;

/// <summary>Options shared by the commands that start sessions (run, local).</summary>
internal sealed class SessionOptions
{
    public Option<string> Computation { get; } = new("--computation", "-c")
    {
        Description = "Computation to run: sum, average, auction, vote, poll or psi.",
        Required = true,
    };

    public Option<string?> Epsilon { get; } = new("--epsilon")
    {
        Description = "Release a differentially private result with this privacy loss (e.g. 1, 0.5 or 1/2). Sum, average, vote and poll.",
    };

    public Option<decimal[]?> Bounds { get; } = new("--bounds")
    {
        Description = "Clamp bounds A,B of each input for a private sum or average (sets --min and --max).",
        CustomParser = result =>
        {
            var parts = SplitList(result.Tokens.Select(token => token.Value));
            var values = new List<decimal>();
            foreach (var part in parts)
            {
                if (!FixedPointFormat.TryParse(part, out var value))
                {
                    result.AddError($"--bounds: '{part}' is not a decimal number.");
                    return null;
                }

                values.Add(value);
            }

            if (values.Count != 2)
            {
                result.AddError("--bounds takes two numbers: A,B.");
                return null;
            }

            return [.. values];
        },
    };

    public Option<string> Relation { get; } = new("--relation")
    {
        Description = "Neighbouring inputs for the privacy guarantee: add-remove (one party's input is added or removed) or replacement (one party's input changes). Default add-remove.",
        DefaultValueFactory = _ => "add-remove",
    };

    public Option<int> Collusion { get; } = new("--collusion")
    {
        Description = "Private releases: how many colluding nodes the noise must survive. Default n-1.",
    };

    public Option<long> VectorLength { get; } = new("--vector-length")
    {
        Description = "Sum and average of vectors: the number of elements of every input. Default 0 (scalars); local takes it from the inputs.",
    };

    public Option<string?> InputName { get; } = new("--input")
    {
        Description = "Name of the node input to use (Node:Inputs:NAME). Default: each node's Node:Input.",
    };

    public Option<int> BitLength { get; } = new("--bit-length")
    {
        Description = "Auction: bids after fixed-point encoding are below 2^N, N from 1 to 62. Default 32.",
    };

    public Option<int> DigitBits { get; } = new("--digit-bits")
    {
        Description = "Auction: bits revealed per round, 1 to 4 (fewer rounds, longer messages). Default 1.",
    };

    public Option<bool> RevealWinner { get; } = new("--reveal-winner")
    {
        Description = "Auction: also publish the winner's party id (on a tie, the first tied party in roster order).",
    };

    public Option<bool> SecondPrice { get; } = new("--second-price")
    {
        Description = "Auction: also publish the winner and the highest bid among the other parties (a Vickrey price).",
    };

    public Option<string[]> VoteOptions { get; } = new("--options")
    {
        Description = "Vote: the option names, comma-separated or repeated, in publishing order.",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => SplitList(result.Tokens.Select(token => token.Value)),
    };

    public Option<string> BallotKind { get; } = new("--ballot")
    {
        Description = "Vote: plurality (exactly one option per ballot) or approval (any non-empty set). Default plurality.",
        DefaultValueFactory = _ => "plurality",
    };

    public Option<string> Profile { get; } = new("--profile")
    {
        Description = "PSI: how item text is canonicalised, exact (NFC, trimmed) or email (also lower-cased). Default exact.",
        DefaultValueFactory = _ => "exact",
    };

    public Option<bool> Cardinality { get; } = new("--cardinality")
    {
        Description = "PSI: publish only the number of common items (two parties only).",
    };

    public Option<int> Column { get; } = new("--column")
    {
        Description = "PSI: the 1-based CSV column that holds the item. Default 0: the whole line is the item.",
    };

    public Option<string[]> MaxItems { get; } = new("--max-items")
    {
        Description = "PSI: declared maximum number of distinct items, N for every party and PARTY=N for one, comma-separated. "
            + "Messages are padded to these bounds. Required for run; local defaults to the longest input file's line count.",
        CustomParser = result => SplitList(result.Tokens.Select(token => token.Value)),
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
        command.Options.Add(InputName);
        command.Options.Add(VectorLength);
        command.Options.Add(Epsilon);
        command.Options.Add(Bounds);
        command.Options.Add(Relation);
        command.Options.Add(Collusion);
        command.Options.Add(BitLength);
        command.Options.Add(DigitBits);
        command.Options.Add(RevealWinner);
        command.Options.Add(SecondPrice);
        command.Options.Add(VoteOptions);
        command.Options.Add(BallotKind);
        command.Options.Add(Profile);
        command.Options.Add(Cardinality);
        command.Options.Add(Column);
        command.Options.Add(MaxItems);
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
        var bounds = parse.GetValue(Bounds) is { Length: 2 } given ? given : null;
        var format = new FixedPointFormat(
            parse.GetValue(Scale) ?? defaultScale,
            bounds?[0] ?? parse.GetValue(Min) ?? -FixedPointFormat.DefaultBound,
            bounds?[1] ?? parse.GetValue(Max) ?? FixedPointFormat.DefaultBound);
        var request = new RunSessionRequest
        {
            Computation = ParseComputation(parse.GetValue(Computation)),
            NumberFormat = format.ToProto(),
            TimeoutMs = checked(parse.GetValue(TimeoutSeconds) * 1000),
        };
        request.InputName = parse.GetValue(InputName) ?? "";
        request.VectorLength = parse.GetValue(VectorLength);
        var epsilon = parse.GetValue(Epsilon);
        if (epsilon is not null && request.Computation is Protos.Session.V1.Computation.Sum or Protos.Session.V1.Computation.Average
            && bounds is null && parse.GetValue(Min) is null && parse.GetValue(Max) is null)
        {
            throw new ArgumentException("A private sum or average needs --bounds A,B: the noise is scaled to the width of the bounds, and the default range of ±10^9 would drown the result.");
        }

        if (epsilon is not null)
        {
            request.Dp = new Protos.Session.V1.DpParameters
            {
                Epsilon = epsilon,
                Relation = ParseRelation(parse.GetValue(Relation)),
                CollusionThreshold = parse.GetValue(Collusion),
            };
        }
        request.Parties.AddRange(parties);
        request.Recipients.AddRange(parse.GetValue(Recipients) ?? []);
        if (request.Computation == Protos.Session.V1.Computation.Auction)
        {
            request.Auction = new Protos.Session.V1.AuctionParameters
            {
                BitLength = parse.GetValue(BitLength),
                DigitBits = parse.GetValue(DigitBits),
                RevealWinner = parse.GetValue(RevealWinner),
                SecondPrice = parse.GetValue(SecondPrice),
            };
        }

        if (request.Computation == Protos.Session.V1.Computation.Vote)
        {
            request.Vote = new Protos.Session.V1.VoteParameters { Kind = ParseBallotKind(parse.GetValue(BallotKind)) };
            request.Vote.Options.AddRange(parse.GetValue(VoteOptions) ?? []);
            if (request.Vote.Options.Count == 0)
            {
                throw new ArgumentException("A vote needs --options with the option names.");
            }
        }

        if (request.Computation == Protos.Session.V1.Computation.Psi)
        {
            request.Psi = new Protos.Session.V1.PsiParameters
            {
                Profile = ParseProfile(parse.GetValue(Profile)),
                Cardinality = parse.GetValue(Cardinality),
                CsvColumn = parse.GetValue(Column),
            };
            ParseMaxItems(parse.GetValue(MaxItems) ?? [], request.Psi);
        }

        return request;
    }

    /// <summary>Reads <c>N</c> (every party) and <c>PARTY=N</c> entries into the PSI parameters.</summary>
    public static void ParseMaxItems(IEnumerable<string> entries, Protos.Session.V1.PsiParameters parameters)
    {
        foreach (var entry in entries)
        {
            var separator = entry.IndexOf('=', StringComparison.Ordinal);
            var text = separator < 0 ? entry : entry[(separator + 1)..];
            if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bound) || bound < 1)
            {
                throw new ArgumentException($"--max-items entry '{entry}' is invalid: use a positive whole number N or PARTY=N.");
            }

            if (separator < 0)
            {
                parameters.MaxItems = bound;
            }
            else
            {
                parameters.PartyMaxItems[entry[..separator].Trim()] = bound;
            }
        }
    }

    public static Protos.Session.V1.PsiProfile ParseProfile(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "exact" or null => Protos.Session.V1.PsiProfile.Exact,
        "email" => Protos.Session.V1.PsiProfile.Email,
        _ => throw new ArgumentException($"Unknown PSI profile '{name}': use exact or email."),
    };

    public static Protos.Session.V1.Computation ParseComputation(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "sum" => Protos.Session.V1.Computation.Sum,
        "average" or "avg" or "mean" => Protos.Session.V1.Computation.Average,
        "auction" or "max" => Protos.Session.V1.Computation.Auction,
        "vote" => Protos.Session.V1.Computation.Vote,
        "poll" => Protos.Session.V1.Computation.Poll,
        "psi" => Protos.Session.V1.Computation.Psi,
        _ => throw new ArgumentException($"Unknown computation '{name}': use sum, average, auction, vote, poll or psi."),
    };

    public static Protos.Session.V1.NeighbourRelation ParseRelation(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "add-remove" or "addremove" or null => Protos.Session.V1.NeighbourRelation.AddRemove,
        "replacement" or "replace" => Protos.Session.V1.NeighbourRelation.Replacement,
        _ => throw new ArgumentException($"Unknown neighbour relation '{name}': use add-remove or replacement."),
    };

    public static Protos.Session.V1.BallotKind ParseBallotKind(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "plurality" or null => Protos.Session.V1.BallotKind.Plurality,
        "approval" => Protos.Session.V1.BallotKind.Approval,
        _ => throw new ArgumentException($"Unknown ballot kind '{name}': use plurality or approval."),
    };

    public static string ComputationName(Protos.Session.V1.Computation computation) => computation switch
    {
        Protos.Session.V1.Computation.Sum => "sum",
        Protos.Session.V1.Computation.Average => "average",
        Protos.Session.V1.Computation.Auction => "auction",
        Protos.Session.V1.Computation.Vote => "vote",
        Protos.Session.V1.Computation.Poll => "poll",
        Protos.Session.V1.Computation.Psi => "psi",
        _ => computation.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Returns an error for tokens that match no option of the verb, or null. The root command
    /// passes unknown tokens through to the services as settings, so the verbs check their own.
    /// </summary>
    public static string? UnknownTokens(ParseResult parse) =>
        parse.UnmatchedTokens.Count == 0
            ? null
            : $"unknown option or argument {string.Join(", ", parse.UnmatchedTokens.Select(token => $"'{token}'"))}; see --help";

    public static string[] SplitList(IEnumerable<string> tokens) =>
        [.. tokens.SelectMany(token => token.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
