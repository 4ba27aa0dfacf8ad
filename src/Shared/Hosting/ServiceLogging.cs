using Microsoft.AspNetCore.Builder;
using Serilog;
using Serilog.Events;

namespace MpcNetwork.Shared.Hosting;

/// <summary>Serilog set-up shared by the node and the coordinator.</summary>
public static class ServiceLogging
{
    /// <summary>Console template: time, level, source and the rendered event.</summary>
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Routes all logging through Serilog: console output, levels and sinks from the
    /// <c>Serilog</c> configuration section, and the service name on every event.
    /// </summary>
    public static void AddServiceLogging(this WebApplicationBuilder builder, string serviceName, Action<LoggerConfiguration>? configure = null)
    {
        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Grpc", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Service", serviceName)
                .WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            configure?.Invoke(logger);
        },
        // Each host keeps its own logger instead of replacing the static Log.Logger, so several
        // services in one process (tests, local tools) do not write to each other's sinks.
        preserveStaticLogger: true);
    }
}
