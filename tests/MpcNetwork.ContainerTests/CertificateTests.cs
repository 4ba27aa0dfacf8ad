using Grpc.Core;
using MpcNetwork.ContainerTests.Support;
using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.ContainerTests;

/// <summary>A container that presents another party's certificate takes no part in a session.</summary>
public sealed class CertificateTests
{
    [Fact]
    public async Task Node_with_other_party_certificate_is_rejected()
    {
        // Bob's address (network alias bob) is served with Carlos's certificate.
        var impostor = Parties.Bob with { CertificateName = "carlos" };
        await using var federation = await ContainerFederation.StartAsync([Parties.Alice, impostor, Parties.Carlos]);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.RunAsync(Computation.Sum));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("step 'prepare'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("party 'bob'", error.Status.Detail, StringComparison.Ordinal);

        var lookup = await Assert.ThrowsAsync<RpcException>(() => federation.GetResultAsync(ContainerFederation.FailedSessionId(error)));
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
    }
}
