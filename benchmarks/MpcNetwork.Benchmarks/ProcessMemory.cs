namespace MpcNetwork.Benchmarks;

/// <summary>Peak resident set size of a process (Linux /proc), with a reset so that a phase can be measured on its own.</summary>
internal static class ProcessMemory
{
    /// <summary>Resets the peak to the current resident size (writes 5 to /proc/PID/clear_refs; needs the same user or root).</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    public static long PeakBytes(int pid) => ReadKilobytes(pid, "VmHWM:") * 1024;

    public static long CurrentBytes(int pid) => ReadKilobytes(pid, "VmRSS:") * 1024;

    /// <summary>User plus system CPU time of a process so far, in milliseconds (/proc/PID/stat, 100 ticks per second).</summary>
    public static double CpuMilliseconds(int pid)
    {
        // The command name (field 2) is in parentheses and may contain spaces; fields 14 and 15
        // (utime, stime) follow the closing parenthesis.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return ticks * 10.0;
    }

    private static long ReadKilobytes(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
