using System.Collections.Concurrent;
using Grpc.Net.Client;

namespace MpcNetwork.Shared.Security;

/// <summary>One reusable mTLS gRPC channel per (endpoint, expected party); channels are thread-safe.</summary>
public sealed class ChannelPool(TlsIdentity identity) : IDisposable
{
    private readonly ConcurrentDictionary<(string Endpoint, string PartyId), Lazy<GrpcChannel>> _channels = new();

    /// <summary>Returns the channel to <paramref name="endpoint"/>, which must present <paramref name="partyId"/>'s certificate.</summary>
    public GrpcChannel Get(string endpoint, string partyId) =>
        _channels.GetOrAdd((endpoint, partyId), key => new Lazy<GrpcChannel>(() => MutualTls.CreateChannel(key.Endpoint, identity, key.PartyId))).Value;

    public void Dispose()
    {
        foreach (var channel in _channels.Values.Where(lazy => lazy.IsValueCreated))
        {
            channel.Value.Dispose();
        }
    }
}
