using MpcNetwork.ContainerTests.Support;
using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.ContainerTests;

/// <summary>Sessions across node containers publish the right result and record it.</summary>
public sealed class SessionResultTests(SharedFederation shared) : IClassFixture<SharedFederation>
{
    /// <summary>Computation, parties, expected result. A new computation adds a row here.</summary>
    public static TheoryData<Computation, string[], string> Cases => new()
    {
        { Computation.Sum, ["alice", "bob", "carlos", "david"], "16000" },
        { Computation.Average, ["alice", "bob", "carlos", "david"], "4000" },
        { Computation.Sum, ["alice", "bob", "carlos"], "10800" },
        // 12200 / 3 does not terminate: the coordinator keeps 6 digits after the scale (0 here).
        { Computation.Average, ["bob", "carlos", "david"], "4066.666667" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Session_publishes_expected_result(Computation computation, string[] parties, string expected)
    {
        var federation = await shared.GetAsync();

        var response = await federation.RunAsync(computation, parties);

        Assert.NotNull(response.Result);
        Assert.Equal(computation, response.Result.Computation);
        Assert.Equal(parties, response.Result.Parties);
        Assert.Equal(expected, response.Result.Scalar.Value);

        var recorded = await federation.GetResultAsync(response.SessionId);
        Assert.Equal(response.SessionId, recorded.SessionId);
        Assert.Equal(expected, recorded.Scalar.Value);
    }
}
