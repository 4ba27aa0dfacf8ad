using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MpcNetwork.Node.Services;
using MpcNetwork.Node.Sessions;
using MpcNetwork.Shared.Hosting;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Node;

/// <summary>Builds the node service: settings, logging, mTLS gRPC, session services, health.</summary>
public static class NodeHost
{
    /// <summary>
    /// Builds a node from <paramref name="args"/>, appsettings.json and environment variables.
    /// <paramref name="configure"/> can add settings or replace services (tests do).
    /// </summary>
    /// <exception cref="ConfigurationException">A setting is invalid.</exception>
    /// <exception cref="Shared.Security.CertificateException">A certificate file is unusable.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddServiceLogging("node");

        var node = builder.Configuration.BindSection<NodeOptions>(NodeOptions.SectionName);
        var problem = node.Validate();
        if (problem is not null)
        {
            throw new ConfigurationException(NodeOptions.SectionName, problem);
        }

        builder.Services.AddSingleton<IOptions<NodeOptions>>(Options.Create(node));
        builder.Services.AddSingleton(node);
        builder.AddMutualTlsGrpc();
        builder.Services.AddSingleton<SessionRegistry>();
        builder.Services.AddSingleton<ChannelPool>();
        builder.Services.AddSingleton<SeedExchange>();
        builder.Services.AddSingleton<ReceivedResults>();
        builder.Services.AddSingleton<Privacy.PrivacyBudget>();
        builder.Services.AddSingleton<Psi.PsiExchange>();
        builder.Services.TryAddSingleton<StepHook>();
        builder.Services.TryAddSingleton<ViewRecorder>();

        var app = builder.Build();
        app.MapGrpcService<NodeSessionsService>();
        app.MapGrpcService<PeerExchangeService>();
        app.MapGrpcService<PsiPeerExchangeService>();
        app.MapGrpcHealthChecksService();
        app.LogListeningAddresses("node");
        app.ApplyLauncherSettings();
        return app;
    }
}
