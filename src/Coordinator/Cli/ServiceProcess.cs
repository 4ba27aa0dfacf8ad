using System.Diagnostics;
using System.Text.RegularExpressions;
using MpcNetwork.Shared.Hosting;

namespace MpcNetwork.Coordinator.Cli;

/// <summary>
/// A node or coordinator started as a child process of this executable. Its output goes to a log
/// file; closing its standard input shuts it down gracefully.
/// </summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource<string> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _pump;
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];

    private ServiceProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
        _log = new StreamWriter(logPath) { AutoFlush = true };
        _pump = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
    }

    public string Name { get; }

    public string LogPath { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts <c>this-executable VERB</c> with <paramref name="environment"/> as settings and waits
    /// until it logs its listening address.
    /// </summary>
    public static async Task<(ServiceProcess Process, string Address)> StartAsync(
        string name, string verb, string workingDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };

        // Start this assembly's own executable, also when it is loaded by another program (tests).
        var assembly = typeof(ServiceProcess).Assembly.Location;
        var appHost = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        if (File.Exists(appHost))
        {
            start.FileName = appHost;
        }
        else
        {
            start.FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            start.ArgumentList.Add(assembly);
        }

        start.ArgumentList.Add(verb);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment[ServiceHosting.StopOnStandardInputCloseSetting] = "true";

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        var service = new ServiceProcess(name, process, Path.Combine(workingDirectory, name + ".log"));
        try
        {
            var address = await service._address.Task.WaitAsync(StartTimeout, cancellation);
            return (service, address);
        }
        catch (Exception error) when (error is TimeoutException or InvalidOperationException)
        {
            await service.DisposeAsync();
            var tail = string.Join(Environment.NewLine, File.ReadLines(service.LogPath).TakeLast(5));
            throw new InvalidOperationException($"{name} did not start: {error.Message} Last lines of {service.LogPath}:{Environment.NewLine}{tail}", error);
        }
    }

    /// <summary>Completes when the process prints a line that contains <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((text, seen));
        }

        return seen.Task;
    }

    /// <summary>Kills the process at once (for fault tests).</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(StopTimeout);
        }
        catch (Exception error) when (error is TimeoutException or IOException or InvalidOperationException)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _pump.WaitAsync(StopTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
        await _log.DisposeAsync();
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_log)
            {
                _log.WriteLine(line);
            }

            lock (_waiters)
            {
                foreach (var waiter in _waiters.Where(waiter => line.Contains(waiter.Text, StringComparison.Ordinal)))
                {
                    waiter.Seen.TrySetResult();
                }
            }

            var match = ListeningPattern().Match(line);
            if (match.Success)
            {
                _address.TrySetResult(match.Groups[1].Value);
            }
        }

        _address.TrySetException(new InvalidOperationException("The process exited before it listened."));
    }

    [GeneratedRegex(ServiceHosting.ListeningMarker + @" (https://\S+)")]
    private static partial Regex ListeningPattern();
}
