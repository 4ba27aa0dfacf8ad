using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Shared.Hosting;

/// <summary>Wiring shared by the node and the coordinator services.</summary>
public static class ServiceHosting
{
    /// <summary>Text that precedes each bound address in the start-up log; launchers wait for it.</summary>
    public const string ListeningMarker = "listening on";

    /// <summary>
    /// Loads the service's certificates, configures Kestrel for mTLS over HTTP/2, and adds gRPC
    /// with the standard health service.
    /// </summary>
    /// <exception cref="CertificateException">A certificate file is missing, unreadable, expired or foreign.</exception>
    public static TlsIdentity AddMutualTlsGrpc(this WebApplicationBuilder builder)
    {
        var certificates = builder.Configuration.BindSection<CertificateOptions>(CertificateOptions.SectionName);
        var identity = TlsIdentity.Load(certificates, TimeProvider.System);

        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.WebHost.ConfigureKestrel(kestrel => MutualTls.ConfigureServer(kestrel, identity));
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = MutualTls.MaxMessageBytes;
            grpc.EnableDetailedErrors = false;
        });
        builder.Services.AddGrpcHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy());
        return identity;
    }

    /// <summary>Binds a configuration section, turning conversion errors into a <see cref="ConfigurationException"/>.</summary>
    public static T BindSection<T>(this IConfiguration configuration, string sectionName)
        where T : new()
    {
        try
        {
            return configuration.GetSection(sectionName).Get<T>() ?? new T();
        }
        catch (InvalidOperationException error)
        {
            throw new ConfigurationException(sectionName, error.Message);
        }
    }

    /// <summary>Logs each bound address once the server has started, as "{service} {party} listening on {address}".</summary>
    public static void LogListeningAddresses(this WebApplication app, string serviceName)
    {
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(() =>
        {
            var identity = app.Services.GetRequiredService<TlsIdentity>();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(serviceName);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var launched = app.Configuration.GetValue<bool>(StopOnStandardInputCloseSetting);
            foreach (var address in addresses)
            {
                logger.LogInformation("{Service} {PartyId} " + ListeningMarker + " {Address}", serviceName, identity.PartyId, address);

                // A launcher reads this line whatever the log level is.
                if (launched)
                {
                    Console.Out.WriteLine($"{serviceName} {identity.PartyId} {ListeningMarker} {address}");
                }
            }
        });
    }

    /// <summary>Setting that makes the service stop when its standard input closes (used by launchers).</summary>
    public const string StopOnStandardInputCloseSetting = "StopWhenStandardInputCloses";

    /// <summary>Applies <see cref="StopOnStandardInputCloseSetting"/> when it is true.</summary>
    public static void ApplyLauncherSettings(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(StopOnStandardInputCloseSetting))
        {
            app.StopWhenStandardInputCloses();
        }
    }

    /// <summary>
    /// Stops the service when its standard input reaches end of file. A launcher that owns the
    /// process closes the pipe to shut it down gracefully, and the service also stops when the
    /// launcher dies.
    /// </summary>
    public static void StopWhenStandardInputCloses(this WebApplication app)
    {
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var thread = new Thread(() =>
        {
            using var input = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (input.Read(buffer, 0, buffer.Length) > 0)
            {
                // Anything written to standard input is ignored.
            }

            lifetime.StopApplication();
        })
        {
            IsBackground = true,
            Name = "stdin-watch",
        };
        thread.Start();
    }
}
