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
        var days = new Option<int>("--days") { Description = "Validity in days. Default 365.", DefaultValueFactory = _ => 365 };

        var command = new Command("certs", "Create a federation CA and PEM certificates for each party, the coordinator and the caller.")
        {
            output, parties, dns, days,
        };
        command.SetAction(parse =>
        {
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
