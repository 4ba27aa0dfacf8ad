using System.CommandLine;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Coordinator.Cli;

/// <summary>The <c>certs</c> verb: a federation CA and a certificate per party, coordinator and caller.</summary>
internal static class CertsCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder for the PEM files (created if missing).", Required = true };
        var parties = new Option<string[]>("--parties", "-p")
        {
            Description = "Comma-separated party ids, e.g. alice,bob,carlos.",
            Required = true,
            CustomParser = result => SessionOptions.SplitList(result.Tokens.Select(token => token.Value)),
        };
        var dns = new Option<string[]>("--dns")
        {
            Description = "Extra DNS names for every certificate (comma-separated), e.g. the host names of a deployment.",
            CustomParser = result => SessionOptions.SplitList(result.Tokens.Select(token => token.Value)),
        };
        var days = new Option<int>("--days") { Description = "Validity in days.", DefaultValueFactory = _ => 365 };
        var force = new Option<bool>("--force") { Description = "Replace an existing federation in the folder (a new CA: every old certificate stops being trusted)." };

        var command = new Command("certs", "Create a federation CA and PEM certificates for each party, the coordinator and the caller.")
        {
            output, parties, dns, days, force,
        };
        command.SetAction(parse =>
        {
            if (SessionOptions.UnknownTokens(parse) is { } unknown)
            {
                Console.Error.WriteLine($"certs: {unknown}.");
                return 2;
            }

            var directory = parse.GetValue(output)!;
            var partyIds = parse.GetValue(parties) ?? [];
            if (partyIds.Length == 0)
            {
                Console.Error.WriteLine("certs: --parties names no party.");
                return 2;
            }

            if (parse.GetValue(days) is < 1 or > 3650)
            {
                Console.Error.WriteLine($"certs: --days {parse.GetValue(days)} is outside 1..3650.");
                return 2;
            }

            if (File.Exists(Path.Combine(directory, "ca.crt")) && !parse.GetValue(force))
            {
                Console.Error.WriteLine($"certs: '{Path.Combine(directory, "ca.crt")}' exists; a new CA would make its certificates untrusted. Choose another --out folder, or pass --force to replace the federation.");
                return 2;
            }

            try
            {
                var written = FederationCertificates.Create(directory, partyIds, TimeSpan.FromDays(parse.GetValue(days)), parse.GetValue(dns));
                Console.WriteLine($"Wrote ca.crt, ca.key and certificates for {string.Join(", ", written)} to {Path.GetFullPath(directory)}.");
                Console.WriteLine("Keep ca.key offline: whoever holds it can join the federation.");
                return 0;
            }
            catch (ArgumentException error)
            {
                Console.Error.WriteLine($"certs: {error.Message}");
                return 2;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"certs: cannot write to '{directory}': {error.Message}");
                return 2;
            }
        });
        return command;
    }
}
