using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace MpcNetwork.Tests.Support;

/// <summary>A Serilog sink that keeps every rendered event (message, properties, exception) in memory.</summary>
internal sealed class LogCapture : ILogEventSink
{
    // Literal strings (no quotes), as the console shows them, plus every property and the exception.
    private static readonly MessageTemplateTextFormatter Formatter = new("{Level} {Message:lj} {Properties:j} {Exception}", System.Globalization.CultureInfo.InvariantCulture);

    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];

    public IReadOnlyCollection<string> Lines => _lines;

    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Formatter.Format(logEvent, text);
        var line = text.ToString();
        _lines.Enqueue(line);
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(waiter => line.Contains(waiter.Text, StringComparison.Ordinal)))
            {
                waiter.Seen.TrySetResult();
            }
        }
    }

    /// <summary>Completes when an event whose text contains <paramref name="text"/> is logged from now on.</summary>
    public Task WaitForAsync(string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((text, seen));
        }

        return seen.Task;
    }
}
