using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using MpcNetwork.Tests.Support;
using CoordinatorViewRecorder = MpcNetwork.Coordinator.Sessions.ViewRecorder;
using NodeViewRecorder = MpcNetwork.Node.Sessions.ViewRecorder;

namespace MpcNetwork.Tests.Cluster;

/// <summary>
/// What the coordinator and one node see during auctions: two bid sets with the same winning bid
/// (and winner) must give the same revealed values, and every masked value must look uniform.
/// </summary>
public class AuctionViewTests
{
    private const string Observer = "bidder-2";

    [Fact]
    public async Task Same_winning_bid_gives_same_revealed_view()
    {
        var first = await RecordAsync([100, 57, 3, 99, 42]);
        var second = await RecordAsync([100, 12, 80, 1, 100]);

        Assert.Equal(first.CoordinatorPublicValues, second.CoordinatorPublicValues);
        Assert.Equal(first.NodePublicValues, second.NodePublicValues);
        Assert.Equal(first.CoordinatorPublicValues, first.NodePublicValues);
        Assert.NotEmpty(first.CoordinatorPublicValues);
    }

    [Fact]
    public async Task Masked_partials_and_seeds_look_uniform()
    {
        var first = await RecordAsync([100, 57, 3, 99, 42]);
        var second = await RecordAsync([100, 12, 80, 1, 100]);

        var masked = first.Partials.Concat(second.Partials).ToList();
        Assert.True(masked.Count >= 300, $"only {masked.Count} masked values recorded");
        AssertUniformTopBits(masked);

        var seeds = first.Seeds.Concat(second.Seeds).ToList();
        Assert.Equal(8, seeds.Count);
        Assert.Equal(seeds.Count, seeds.Select(Convert.ToHexString).Distinct().Count());
    }

    private static void AssertUniformTopBits(List<ulong> values)
    {
        // Chi-square over the top 4 bits, 15 degrees of freedom; 37.70 is the 0.999 quantile.
        var cells = new int[16];
        foreach (var value in values)
        {
            cells[value >> 60]++;
        }

        var expected = values.Count / 16.0;
        var chiSquare = cells.Sum(observed => (observed - expected) * (observed - expected) / expected);
        Assert.True(chiSquare < 37.70, $"chi-square {chiSquare:0.00} of {values.Count} masked values exceeds 37.70");
    }

    private static async Task<View> RecordAsync(ulong[] bids)
    {
        var view = new View();
        var parties = bids.Select((bid, i) => ($"bidder-{i}", bid.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        await using var federation = await TestFederation.StartAsync(
            parties,
            nodeServices: (party, services) =>
            {
                if (party == Observer)
                {
                    services.AddSingleton<NodeViewRecorder>(new RecordingNode(view));
                }
            },
            coordinatorServices: services => services.AddSingleton<CoordinatorViewRecorder>(new RecordingCoordinator(view)));

        var auction = (await federation.AuctionAsync(digitBits: 2, bitLength: 24, revealWinner: true)).Result.Auction;

        Assert.Equal("100", auction.WinningBid);
        Assert.Equal("bidder-0", auction.Winner);
        return view;
    }

    private sealed class View
    {
        public ConcurrentQueue<ulong> Partials { get; } = new();

        public ConcurrentQueue<byte[]> Seeds { get; } = new();

        public List<string> CoordinatorPublicValues { get; } = [];

        public List<string> NodePublicValues { get; } = [];
    }

    private sealed class RecordingCoordinator(View view) : CoordinatorViewRecorder
    {
        public override void PartialReceived(string sessionId, int round, string partyId, int offset, ReadOnlySpan<ulong> partial)
        {
            foreach (var element in partial)
            {
                view.Partials.Enqueue(element);
            }
        }

        public override void PublicValueAnnounced(string sessionId, int round, ReadOnlySpan<byte> publicValue)
        {
            lock (view)
            {
                view.CoordinatorPublicValues.Add($"{round}:{Convert.ToHexString(publicValue)}");
            }
        }
    }

    private sealed class RecordingNode(View view) : NodeViewRecorder
    {
        public override void SeedReceived(string sessionId, string peerPartyId, ReadOnlySpan<byte> seed) => view.Seeds.Enqueue(seed.ToArray());

        public override void PublicValueReceived(string sessionId, int round, ReadOnlySpan<byte> publicValue)
        {
            lock (view)
            {
                view.NodePublicValues.Add($"{round}:{Convert.ToHexString(publicValue)}");
            }
        }
    }
}
