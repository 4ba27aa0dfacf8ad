using System.CommandLine;
using System.Diagnostics;
using Grpc.Core;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Sharing;

namespace MpcNetwork.Coordinator.Cli;

/// <summary>
/// The <c>demo</c> and <c>local</c> verbs: start a federation of real node and coordinator
/// processes on 127.0.0.1, run sessions through the coordinator, print, and shut it all down.
/// </summary>
internal static class LocalCommands
{
    /// <summary>The demo's four engineers, their raises, and their ballots for where to hold the team offsite.</summary>
    public static readonly IReadOnlyList<PartyInput> DemoParties =
    [
        new("alice", "3800", Ballot("Lisbon")),
        new("bob", "2514", Ballot("Kraków")),
        new("carlos", "2982", Ballot("Lisbon")),
        new("david", "3390", Ballot("Reykjavík")),
    ];

    private static readonly string[] DemoOptions = ["Lisbon", "Kraków", "Reykjavík"];

    public static Command Demo()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object per session instead of text." };
        var command = new Command("demo", "Start four local nodes (alice, bob, carlos, david) and a coordinator, compute the sum, average and an auction of their raises and a vote on a city, and shut down.") { json };
        command.SetAction(async (parse, cancellation) =>
        {
            if (SessionOptions.UnknownTokens(parse) is { } unknown)
            {
                Console.Error.WriteLine($"demo: {unknown}.");
                return 2;
            }

            var vote = new RunSessionRequest { Computation = Computation.Vote, InputName = "ballot", Vote = new VoteParameters { Kind = BallotKind.Plurality } };
            vote.Vote.Options.AddRange(DemoOptions);
            RunSessionRequest[] requests =
            [
                new() { Computation = Computation.Sum },
                new() { Computation = Computation.Average },
                new() { Computation = Computation.Auction, Auction = new AuctionParameters { RevealWinner = true, SecondPrice = true } },
                vote,
            ];
            if (!parse.GetValue(json))
            {
                Console.WriteLine("Four engineers compute their total and average raise, the largest raise (an auction over the");
                Console.WriteLine("raises, with who got it and the runner-up's raise), and a vote on the offsite city.");
                Console.WriteLine("No one sees another's raise or ballot.");
            }

            return await RunFederationAsync(DemoParties, requests, parse.GetValue(json), cancellation);
        });
        return command;
    }

    public static Command Local()
    {
        var inputs = new Option<string>("--inputs", "-i")
        {
            Description = "JSON file: {\"parties\":[{\"id\":\"alice\",\"input\":3800}, ...]}.",
            Required = true,
        };
        var session = new SessionOptions();
        var command = new Command("local", "Like demo, for any parties and inputs: start them as local processes, run one session, print the result.") { inputs };
        session.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            if (SessionOptions.UnknownTokens(parse) is { } unknown)
            {
                Console.Error.WriteLine($"local: {unknown}.");
                return 2;
            }

            List<PartyInput> parties;
            RunSessionRequest request;
            try
            {
                parties = LocalInputs.Read(parse.GetValue(inputs)!);
                var computation = SessionOptions.ParseComputation(parse.GetValue(session.Computation));
                var scale = computation is Computation.Vote or Computation.Poll or Computation.Psi ? 0 : LocalInputs.InferScale(parties);
                request = session.BuildRequest(parse, [], scale);
                if (computation is Computation.Sum or Computation.Average && request.VectorLength == 0)
                {
                    request.VectorLength = LocalInputs.InferVectorLength(parties);
                }

                FixedPointFormat.TryFromProto(request.NumberFormat, out var format);
                var problem = format.Validate(parties.Count);
                if (problem is not null)
                {
                    throw new ArgumentException($"Invalid number format: {problem}.");
                }

                if (computation == Computation.Psi)
                {
                    LocalInputs.CheckPsi(parties, request);
                }
                else
                {
                    LocalInputs.Check(parties, request, format);
                }

                if (request.InputName.Length > 0)
                {
                    throw new ArgumentException("--input does not apply to local: each party's input in the file is used.");
                }
            }
            catch (ArgumentException error)
            {
                Console.Error.WriteLine($"local: {error.Message}");
                return 2;
            }

            return await RunFederationAsync(parties, [request], parse.GetValue(session.Json), cancellation);
        });
        return command;
    }

    private static void PrintPsiItems(PsiResult psi, string receiver)
    {
        Console.WriteLine($"Items received by {receiver} ({psi.Items.Count}):");
        foreach (var item in psi.Items)
        {
            Console.WriteLine($"  {item}");
        }
    }

    private static Dictionary<string, string> Ballot(string option) => new() { ["Node__Inputs__ballot"] = option };

    private static async Task<int> RunFederationAsync(IReadOnlyList<PartyInput> parties, IEnumerable<RunSessionRequest> requests, bool json, CancellationToken cancellation)
    {
        var total = Stopwatch.StartNew();
        LocalFederation federation;
        try
        {
            federation = await LocalFederation.StartAsync(parties, cancellation);
        }
        catch (InvalidOperationException error)
        {
            Console.Error.WriteLine($"Could not start the local federation: {error.Message}");
            return 1;
        }

        await using (federation)
        {
            if (!json)
            {
                Console.WriteLine($"Started {parties.Count} nodes and a coordinator on 127.0.0.1 with mTLS in {total.ElapsedMilliseconds} ms.");
            }

            foreach (var request in requests)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    var result = await federation.RunAsync(request, cancellation);
                    var receiver = result.ValueCase == SessionResult.ValueOneofCase.Psi ? await federation.AddPsiItemsAsync(result, cancellation) : null;
                    ResultPrinter.Print(Console.Out, result, json, clock.Elapsed);
                    if (receiver is not null && !json)
                    {
                        PrintPsiItems(result.Psi, receiver);
                    }
                }
                catch (RpcException error)
                {
                    Console.Error.WriteLine($"{SessionOptions.ComputationName(request.Computation)} failed: {error.StatusCode}: {error.Status.Detail}");
                    return 1;
                }
                catch (InvalidOperationException error)
                {
                    Console.Error.WriteLine($"{SessionOptions.ComputationName(request.Computation)} failed: {error.Message}");
                    return 1;
                }
            }
        }

        if (!json)
        {
            Console.WriteLine($"Shut down. Wall time {total.Elapsed.TotalSeconds:0.0} s.");
        }

        return 0;
    }
}
