using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace MpcNetwork.ContainerTests.Support;

/// <summary>
/// The Docker engine that Testcontainers talks to, and the operations it lacks: kill with
/// SIGKILL, disconnect from a network, look up an image.
/// </summary>
internal static class DockerEngine
{
    private static readonly Lazy<Task<string?>> Unavailability = new(FindUnavailabilityAsync);

    /// <summary>Skips the calling test when no Docker engine responds, or fails it on CI (see <see cref="SkipOrFail"/>).</summary>
    public static async Task RequireAsync()
    {
        var reason = await Unavailability.Value;
        if (reason is not null)
        {
            SkipOrFail($"The container tests need a Docker engine, and none answered: {reason}", "start Docker");
        }
    }

    /// <summary>
    /// Skips the calling test because <paramref name="problem"/> stops it, unless the environment
    /// variable CI is true: CI must run the container tests, so there the test fails.
    /// </summary>
    public static void SkipOrFail(string problem, string remedy)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{problem}. CI=true, so this is a failure: .ci/run starts dockerd and builds the images.");
        }

        Assert.Skip($"{problem}. Skipped; to run the container tests, {remedy}.");
    }

    public static DockerClient CreateClient()
    {
        var endpoint = TestcontainersSettings.OS.DockerEndpointAuthConfig
            ?? throw new InvalidOperationException("Testcontainers found no Docker endpoint (DOCKER_HOST or /var/run/docker.sock)");
        return endpoint.GetDockerClientBuilder(Guid.Empty).Build();
    }

    /// <summary>Sends SIGKILL to a container: the process ends without any shutdown.</summary>
    public static async Task KillAsync(string containerId)
    {
        using var client = CreateClient();
        await client.Containers.KillContainerAsync(containerId, new ContainerKillParameters { Signal = "KILL" });
    }

    /// <summary>Takes a container off a network at once, as a pulled cable would; open connections get no reset.</summary>
    public static async Task DisconnectAsync(string networkName, string containerId)
    {
        using var client = CreateClient();
        await client.Networks.DisconnectNetworkAsync(networkName, new NetworkDisconnectParameters { Container = containerId, Force = true });
    }

    public static async Task<bool> ImageExistsAsync(string image)
    {
        using var client = CreateClient();
        try
        {
            await client.Images.InspectImageAsync(image);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    private static async Task<string?> FindUnavailabilityAsync()
    {
        try
        {
            using var client = CreateClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.System.PingAsync(timeout.Token);
            return null;
        }
        catch (Exception error) when (error is InvalidOperationException or DockerApiException or HttpRequestException or IOException or OperationCanceledException or TimeoutException)
        {
            return error.Message.TrimEnd('.');
        }
    }
}
