using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MpcNetwork.Coordinator.Services;
using MpcNetwork.Coordinator.Sessions;
using MpcNetwork.Coordinator.Storage;
using MpcNetwork.Shared.Hosting;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Coordinator;

/// <summary>Builds the coordinator service: settings, logging, mTLS gRPC, result store, health.</summary>
public static class CoordinatorHost
{
    /// <summary>Builds a coordinator from <paramref name="args"/>, appsettings.json and environment variables.</summary>
    /// <exception cref="ConfigurationException">A setting is invalid.</exception>
    /// <exception cref="CertificateException">A certificate file is unusable.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddServiceLogging("coordinator");

        var coordinator = builder.Configuration.BindSection<CoordinatorOptions>(CoordinatorOptions.SectionName);
        var problem = coordinator.Validate();
        if (problem is not null)
        {
            throw new ConfigurationException(CoordinatorOptions.SectionName, problem);
        }

        builder.Services.AddSingleton<IOptions<CoordinatorOptions>>(Options.Create(coordinator));
        builder.AddMutualTlsGrpc();
        builder.Services.AddSingleton<ChannelPool>();
        builder.Services.AddSingleton(OpenStore(coordinator.DatabasePath));
        builder.Services.AddSingleton<SessionRunner>();
        builder.Services.TryAddSingleton<ViewRecorder>();

        var app = builder.Build();
        app.MapGrpcService<CoordinatorService>();
        app.MapGrpcHealthChecksService();
        app.LogListeningAddresses("coordinator");
        app.ApplyLauncherSettings();
        return app;
    }

    private static ResultStore OpenStore(string path)
    {
        try
        {
            return new ResultStore(path);
        }
        catch (Exception error) when (error is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException("Coordinator:DatabasePath", $"cannot open '{path}': {error.Message}");
        }
    }
}
