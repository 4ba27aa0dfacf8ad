using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Grpc.Core;
using Grpc.Health.V1;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.ContainerTests.Support;

/// <summary>
/// Waits until grpc.health.v1.Health/Check on a service container returns SERVING over mTLS.
/// The HTTP wait strategies of Testcontainers speak HTTP/1.1 and cannot probe these
/// HTTP/2-only, client-certificate endpoints.
/// </summary>
/// <param name="client">The identity that calls the health service (any federation certificate).</param>
/// <param name="expectedServerParty">The party that the container's certificate must name.</param>
/// <param name="containerPort">The service's TLS port inside the container.</param>
internal sealed class GrpcHealthIsServing(TlsIdentity client, string expectedServerParty, int containerPort) : IWaitUntil
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);

    public async Task<bool> UntilAsync(IContainer container)
    {
        var address = $"https://{ContainerFederation.PublishedHost}:{container.GetMappedPublicPort(containerPort)}";
        using var channel = MutualTls.CreateChannel(address, client, expectedServerParty);
        try
        {
            var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.Add(CallTimeout));
            return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving;
        }
        catch (RpcException)
        {
            return false;
        }
    }
}
