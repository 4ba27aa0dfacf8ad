using System.Diagnostics;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MpcNetwork.Benchmarks.Baseline;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Benchmarks;

/// <summary>
/// The vector sum with no privacy at all: each sender uploads its raw vector, in the same 64 KiB
/// chunks, over its own mTLS gRPC channel; the server adds the chunks as they arrive. Server and
/// senders run in the harness process, which spares the baseline the cost of separate processes.
/// </summary>
internal sealed class BaselineSum : IAsyncDisposable
{
    private const int ChunkElements = 8192;

    private readonly WebApplication _server;
    private readonly List<Grpc.Net.Client.GrpcChannel> _channels = [];
    private readonly Sink _sink;

    private BaselineSum(WebApplication server, Sink sink)
    {
        _server = server;
        _sink = sink;
    }

    public static async Task<BaselineSum> StartAsync(string certificates, string[] senders, int length)
    {
        var serverIdentity = Load(certificates, PartyIdentity.Coordinator);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => MutualTls.ConfigureServer(kestrel, serverIdentity));
        builder.WebHost.UseUrls("https://127.0.0.1:0");
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = MutualTls.MaxMessageBytes);
        var sink = new Sink(length);
        builder.Services.AddSingleton(sink);
        var app = builder.Build();
        app.MapGrpcService<RawSumService>();
        await app.StartAsync();

        var baseline = new BaselineSum(app, sink);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        foreach (var sender in senders)
        {
            baseline._channels.Add(MutualTls.CreateChannel(address, Load(certificates, sender), PartyIdentity.Coordinator));
        }

        return baseline;
    }

    /// <summary>Uploads every sender's vector at once and returns the wall time until the server has the sum.</summary>
    public async Task<double> RunAsync(IReadOnlyList<ulong[]> vectors)
    {
        _sink.Reset();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(_channels.Select((channel, i) => UploadAsync(channel, vectors[i])));
        return clock.Elapsed.TotalMilliseconds;
    }

    public ulong[] LastSum => _sink.Sum;

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        await _server.StopAsync();
        await _server.DisposeAsync();
    }

    private static async Task UploadAsync(Grpc.Net.Client.GrpcChannel channel, ulong[] vector)
    {
        var client = new RawSum.RawSumClient(channel);
        using var call = client.Upload(deadline: DateTime.UtcNow.AddMinutes(5));
        for (var offset = 0; offset < vector.Length; offset += ChunkElements)
        {
            var count = Math.Min(ChunkElements, vector.Length - offset);
            var bytes = ByteString.CopyFrom(MemoryMarshal.AsBytes(vector.AsSpan(offset, count)));
            await call.RequestStream.WriteAsync(new RawChunk { Offset = offset, Elements = bytes });
        }

        await call.RequestStream.CompleteAsync();
        await call.ResponseAsync;
    }

    private static TlsIdentity Load(string directory, string name) => TlsIdentity.Load(new CertificateOptions
    {
        CaFile = Path.Combine(directory, "ca.crt"),
        CertificateFile = Path.Combine(directory, name + ".crt"),
        KeyFile = Path.Combine(directory, name + ".key"),
    }, TimeProvider.System);

    internal sealed class Sink(int length)
    {
        public ulong[] Sum { get; private set; } = new ulong[length];

        public void Reset() => Sum = new ulong[length];

        public void Add(long offset, ReadOnlySpan<ulong> elements)
        {
            lock (this)
            {
                var target = Sum.AsSpan((int)offset, elements.Length);
                for (var i = 0; i < elements.Length; i++)
                {
                    target[i] += elements[i];
                }
            }
        }
    }

    internal sealed class RawSumService(Sink sink) : RawSum.RawSumBase
    {
        public override async Task<UploadReply> Upload(IAsyncStreamReader<RawChunk> requestStream, ServerCallContext context)
        {
            await foreach (var chunk in requestStream.ReadAllAsync(context.CancellationToken))
            {
                sink.Add(chunk.Offset, MemoryMarshal.Cast<byte, ulong>(chunk.Elements.Span));
            }

            return new UploadReply();
        }
    }
}
