using System.Globalization;
using Grpc.Core;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Tests.Support;

namespace MpcNetwork.Tests.Cluster;

public class AuctionClusterTests
{
    private static List<(string, string)> Bidders(params ulong[] bids) =>
        [.. bids.Select((bid, i) => ($"bidder-{i}", bid.ToString(CultureInfo.InvariantCulture)))];

    [Theory]
    [InlineData(2, 11)]
    [InlineData(3, 12)]
    [InlineData(6, 13)]
    [InlineData(10, 14)]
    public async Task Random_bids_give_plain_maximum_winner_and_price(int partyCount, int seed)
    {
        var random = new Random(seed);
        var bids = Enumerable.Range(0, partyCount).Select(_ => (ulong)random.NextInt64(0, 1L << 32)).ToArray();
        await using var federation = await TestFederation.StartAsync(Bidders(bids));

        var auction = (await federation.AuctionAsync(digitBits: 4, secondPrice: true)).Result.Auction;

        var winner = Array.IndexOf(bids, bids.Max());
        Assert.Equal(bids.Max().ToString(CultureInfo.InvariantCulture), auction.WinningBid);
        Assert.Equal($"bidder-{winner}", auction.Winner);
        Assert.Equal(bids.Where((_, i) => i != winner).Max().ToString(CultureInfo.InvariantCulture), auction.Price);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Every_digit_size_finds_maximum(int digitBits)
    {
        ulong[] bids = [1_234_567, 4_000_000_001, 77, 4_000_000_000];
        await using var federation = await TestFederation.StartAsync(Bidders(bids));

        var auction = (await federation.AuctionAsync(digitBits, revealWinner: true)).Result.Auction;

        Assert.Equal("4000000001", auction.WinningBid);
        Assert.Equal("bidder-1", auction.Winner);
        Assert.Empty(auction.Price);
    }

    [Fact]
    public async Task Equal_bids_pick_first_party_and_price_equals_bid()
    {
        await using var federation = await TestFederation.StartAsync(Bidders(500, 500, 500));

        var auction = (await federation.AuctionAsync(digitBits: 2, secondPrice: true)).Result.Auction;

        Assert.Equal("500", auction.WinningBid);
        Assert.Equal("bidder-0", auction.Winner);
        Assert.Equal("500", auction.Price);
    }

    [Fact]
    public async Task Tie_reveals_first_tied_party_in_roster_order()
    {
        await using var federation = await TestFederation.StartAsync(Bidders(10, 900, 35, 900, 899));

        var auction = (await federation.AuctionAsync(digitBits: 3, revealWinner: true)).Result.Auction;

        Assert.Equal("900", auction.WinningBid);
        Assert.Equal("bidder-1", auction.Winner);
    }

    [Fact]
    public async Task Second_price_without_tie_is_runner_up()
    {
        await using var federation = await TestFederation.StartAsync(Bidders(10, 900, 35, 899));

        var auction = (await federation.AuctionAsync(secondPrice: true)).Result.Auction;

        Assert.Equal("900", auction.WinningBid);
        Assert.Equal("bidder-1", auction.Winner);
        Assert.Equal("899", auction.Price);
    }

    [Fact]
    public async Task Zero_bids_are_handled()
    {
        await using var federation = await TestFederation.StartAsync(Bidders(0, 0, 7));

        var onlyZeros = (await federation.RunAsync(new Protos.Coordinator.V1.RunSessionRequest
        {
            Computation = Computation.Auction,
            Auction = new AuctionParameters { SecondPrice = true },
            Parties = { "bidder-0", "bidder-1" },
        })).Result.Auction;
        var withSeven = (await federation.AuctionAsync(secondPrice: true)).Result.Auction;

        Assert.Equal("0", onlyZeros.WinningBid);
        Assert.Equal("bidder-0", onlyZeros.Winner);
        Assert.Equal("0", onlyZeros.Price);
        Assert.Equal("7", withSeven.WinningBid);
        Assert.Equal("0", withSeven.Price);
    }

    [Theory]
    [InlineData(32, 4_294_967_295UL, 4)]
    [InlineData(62, 4_611_686_018_427_387_903UL, 4)]
    [InlineData(62, 4_611_686_018_427_387_903UL, 3)]
    public async Task Largest_bid_of_bit_length_wins(int bitLength, ulong largest, int digitBits)
    {
        await using var federation = await TestFederation.StartAsync(Bidders(largest - 1, largest, 0));

        var auction = (await federation.AuctionAsync(digitBits, secondPrice: true, bitLength: bitLength)).Result.Auction;

        Assert.Equal(largest.ToString(CultureInfo.InvariantCulture), auction.WinningBid);
        Assert.Equal((largest - 1).ToString(CultureInfo.InvariantCulture), auction.Price);
    }

    [Fact]
    public async Task Decimal_bids_use_the_scale()
    {
        await using var federation = await TestFederation.StartAsync([("ana", "12.5"), ("ben", "12.49"), ("cleo", "3")]);

        var auction = (await federation.AuctionAsync(digitBits: 2, secondPrice: true, format: new NumberFormat { Scale = 2 })).Result.Auction;

        Assert.Equal("12.5", auction.WinningBid);
        Assert.Equal("12.49", auction.Price);
    }

    [Theory]
    [InlineData("-1", "is below the minimum 0")]
    [InlineData("4294967296", "is above the maximum 4294967295")]
    public async Task Bid_outside_bit_length_is_rejected(string bid, string expected)
    {
        await using var federation = await TestFederation.StartAsync([("ana", "5"), ("ben", bid)]);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.AuctionAsync());

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains($"the input of party 'ben' {expected}", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_digit_size_is_rejected()
    {
        await using var federation = await TestFederation.StartAsync(Bidders(1, 2));

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.AuctionAsync(digitBits: 5));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("digit size 5 bits is outside 1..4", error.Status.Detail, StringComparison.Ordinal);
    }
}
