using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MpcNetwork.Benchmarks;

/// <summary>
/// Bytes that each process has sent on its open TCP connections, read from the kernel with
/// <c>ss -tinp</c> (iproute2). This counts what crosses the socket: TLS records, HTTP/2 frames
/// and payload. Connections closed between two readings are missed, so the harness reuses
/// connections (gRPC channels are pooled) and measures deltas.
/// </summary>
internal static partial class SocketBytes
{
    public static Dictionary<int, long> SentByProcess()
    {
        var start = new ProcessStartInfo("ss", "-tinpH state established") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run ss (package iproute2).");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(10_000);

        var sent = new Dictionary<int, long>();
        int? pid = null;
        foreach (var line in output.Split('\n'))
        {
            var owner = PidPattern().Match(line);
            if (owner.Success)
            {
                pid = int.Parse(owner.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                continue;
            }

            var bytes = BytesSentPattern().Match(line);
            if (bytes.Success && pid is { } id)
            {
                sent[id] = sent.GetValueOrDefault(id) + long.Parse(bytes.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                pid = null;
            }
        }

        return sent;
    }

    [GeneratedRegex(@"pid=(\d+),")]
    private static partial Regex PidPattern();

    [GeneratedRegex(@"bytes_sent:(\d+)")]
    private static partial Regex BytesSentPattern();
}
