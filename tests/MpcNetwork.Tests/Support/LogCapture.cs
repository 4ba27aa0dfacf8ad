using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace MpcNetwork.Tests.Support;

/// <summary>A Serilog sink that keeps every rendered event (message, properties, exception) in memory.</summary>
internal sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public void Emit(LogEvent logEvent)
    {
        var properties = string.Join(" ", logEvent.Properties.Select(property => $"{property.Key}={property.Value}"));
        _lines.Enqueue($"{logEvent.Level} {logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)} {properties} {logEvent.Exception}");
    }
}
