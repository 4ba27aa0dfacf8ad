using System.Globalization;
using Grpc.Core;
using MpcNetwork.Protos.Coordinator.V1;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Tests.Support;

namespace MpcNetwork.Tests.Cluster;

public sealed class VectorClusterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mpcnetwork-vectors-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(8191)]
    [InlineData(8192)]
    [InlineData(8193)]
    [InlineData(100_000)]
    public async Task Vector_sum_and_average_match_plain_sums(int length)
    {
        var random = new Random(length);
        var vectors = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, length).Select(_ => random.NextInt64(-1_000_000, 1_000_001)).ToArray()).ToArray();
        await using var federation = await TestFederation.StartAsync([.. vectors.Select((vector, i) => ($"p{i}", "@" + WriteLines($"p{i}-{length}.txt", vector.Select(Invariant))))]);

        var sum = (await federation.RunAsync(new RunSessionRequest { Computation = Computation.Sum, VectorLength = length })).Result.Vector;
        var average = (await federation.RunAsync(new RunSessionRequest { Computation = Computation.Average, VectorLength = length })).Result.Vector;

        Assert.Equal(length, sum.Sums.Count);
        Assert.Equal(length, average.Sums.Count);
        Assert.Equal(3, average.Divisor);
        for (var i = 0; i < length; i++)
        {
            var expected = vectors.Sum(vector => (decimal)vector[i]);
            Assert.Equal(expected, ResultValues.Element(sum, i));
            Assert.Equal(Math.Round(expected / 3, 6), ResultValues.Element(average, i));
        }
    }

    [Fact]
    public async Task Csv_decimals_and_negatives_sum_element_wise()
    {
        var a = WriteLines("a.csv", ["1.5,-2.25", "3"]);
        var b = WriteLines("b.csv", ["0.5", "0.25,-3"]);
        var c = WriteLines("c.csv", ["", "-2,2", "", "1"]);
        await using var federation = await TestFederation.StartAsync([("a", "@" + a), ("b", "@" + b), ("c", "@" + c)]);

        var sum = (await federation.RunAsync(new RunSessionRequest
        {
            Computation = Computation.Sum,
            VectorLength = 3,
            NumberFormat = new NumberFormat { Scale = 2, Min = "-100", Max = "100" },
        })).Result.Vector;

        Assert.Equal(["0", "0", "1"], ResultValues.Format(sum));
    }

    [Fact]
    public async Task Wrong_length_vector_fails_naming_node()
    {
        var good = WriteLines("good.txt", ["1", "2", "3", "4"]);
        var shorter = WriteLines("short.txt", ["1", "2", "3"]);
        await using var federation = await TestFederation.StartAsync([("a", "@" + good), ("b", "@" + shorter), ("c", "@" + good)]);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(new RunSessionRequest { Computation = Computation.Sum, VectorLength = 4 }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("because of party 'b'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("party 'b' has 3 input values, the plan expects 4", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_value_is_rejected_with_line_and_column()
    {
        var good = WriteLines("good.txt", ["1,2", "3,4"]);
        var bad = WriteLines("bad.txt", ["1,2", "3,4x"]);
        await using var federation = await TestFederation.StartAsync([("a", "@" + good), ("b", "@" + bad), ("c", "@" + good)]);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(new RunSessionRequest { Computation = Computation.Sum, VectorLength = 4 }));

        Assert.Contains("line 2, column 2 of the input file is not a decimal number", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("4x", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vector_result_reaches_recipient_node_whole()
    {
        var values = Enumerable.Range(0, 9000).Select(i => Invariant(i)).ToArray();
        var file = WriteLines("v.txt", values);
        await using var federation = await TestFederation.StartAsync([("a", "@" + file), ("b", "@" + file), ("c", "@" + file)]);

        var outcome = await federation.RunAsync(new RunSessionRequest { Computation = Computation.Sum, VectorLength = values.Length, Recipients = { "a", "caller" } });
        var received = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Node.Sessions.ReceivedResults>(federation.Node("a").Services).Find(outcome.SessionId);
        var recorded = await federation.CoordinatorClient().GetResultAsync(outcome.SessionId, DateTime.UtcNow.AddSeconds(30), TestContext.Current.CancellationToken).Within();

        Assert.NotNull(received);
        Assert.Equal(outcome.Result.Vector.Sums, received.Vector.Sums);
        Assert.Equal(outcome.Result.Vector.Sums, recorded.Vector.Sums);
        Assert.Equal(26997, received.Vector.Sums[^1]);
    }

    private string WriteLines(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
