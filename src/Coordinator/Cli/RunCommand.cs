using System.CommandLine;
using System.Diagnostics;
using Grpc.Core;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Coordinator.Cli;

/// <summary>The <c>run</c> verb: requests one session from a running coordinator over mTLS.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var coordinator = new Option<string>("--coordinator")
        {
            Description = "Address of the coordinator service. Default https://localhost:5000.",
            DefaultValueFactory = _ => "https://localhost:5000",
        };
        var certificates = new Option<string>("--certs")
        {
            Description = "Folder with ca.crt and the caller's IDENTITY.crt and IDENTITY.key. Default ./certs.",
            DefaultValueFactory = _ => "certs",
        };
        var identity = new Option<string>("--identity")
        {
            Description = "Base name of the certificate to call with. Default caller.",
            DefaultValueFactory = _ => PartyIdentity.Caller,
        };
        var parties = new Option<string[]>("--parties", "-p")
        {
            Description = "Comma-separated party ids from the coordinator's roster. Default: the whole roster.",
            CustomParser = result => SessionOptions.SplitList(result.Tokens.Select(token => token.Value)),
        };
        var session = new SessionOptions();

        var command = new Command("run", "Ask a running coordinator to run a session and print the result.") { coordinator, certificates, identity, parties };
        session.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            if (SessionOptions.UnknownTokens(parse) is { } unknown)
            {
                Console.Error.WriteLine($"run: {unknown}.");
                return 2;
            }

            try
            {
                var directory = parse.GetValue(certificates)!;
                var name = parse.GetValue(identity)!;
                var caller = TlsIdentity.Load(new CertificateOptions
                {
                    CaFile = Path.Combine(directory, "ca.crt"),
                    CertificateFile = Path.Combine(directory, name + ".crt"),
                    KeyFile = Path.Combine(directory, name + ".key"),
                }, TimeProvider.System);

                var request = session.BuildRequest(parse, parse.GetValue(parties) ?? [], defaultScale: 0);
                using var channel = MutualTls.CreateChannel(parse.GetValue(coordinator)!, caller, PartyIdentity.Coordinator);
                var client = new Protos.Coordinator.V1.Coordinator.CoordinatorClient(channel);
                var clock = Stopwatch.StartNew();
                var (sessionId, result) = await client.RunSessionAsync(request, DateTime.UtcNow.AddMinutes(10), cancellation);
                if (result is null)
                {
                    Console.WriteLine($"Session {sessionId} published its result to its recipients; '{caller.PartyId}' is not one of them.");
                    return 0;
                }

                ResultPrinter.Print(Console.Out, result, parse.GetValue(session.Json), clock.Elapsed);
                return 0;
            }
            catch (Exception error) when (error is ArgumentException or CertificateException)
            {
                Console.Error.WriteLine($"run: {error.Message}");
                return 2;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.Unavailable)
            {
                Console.Error.WriteLine($"run: could not reach the coordinator at {parse.GetValue(coordinator)} ({error.Status.Detail}); check that it runs, that --coordinator is its address, and that --certs holds this federation's certificates.");
                return 1;
            }
            catch (RpcException error)
            {
                Console.Error.WriteLine($"run: {error.StatusCode}: {error.Status.Detail}");
                return 1;
            }
        });
        return command;
    }
}
