namespace MpcNetwork.ContainerTests.Support;

/// <summary>
/// The node and coordinator images under test. They are built before the tests, by
/// deploy/build-images-offline.sh or `docker build --target ...`, and never pulled.
/// </summary>
internal static class ServiceImages
{
    /// <summary>Image tag, from the environment variable MPC_IMAGE_TAG. Default <c>local</c>, as the build script tags.</summary>
    public static string Tag { get; } = Environment.GetEnvironmentVariable("MPC_IMAGE_TAG") is { Length: > 0 } tag ? tag : "local";

    public static string Node { get; } = $"mpcnetwork/node:{Tag}";

    public static string Coordinator { get; } = $"mpcnetwork/coordinator:{Tag}";

    private static readonly Lazy<Task<string?>> Missing = new(FindMissingAsync);

    /// <summary>Skips the calling test when an image is missing, or fails it on CI (see <see cref="DockerEngine.SkipOrFail"/>).</summary>
    public static async Task RequireAsync()
    {
        var missing = await Missing.Value;
        if (missing is not null)
        {
            DockerEngine.SkipOrFail(
                $"Image {missing} is missing",
                $"build the images with deploy/build-images-offline.sh (as root, no registry needed) or, with internet access, "
                + $"`docker build --target node -t {Node} .` and `docker build --target coordinator -t {Coordinator} .` from the repository root");
        }
    }

    private static async Task<string?> FindMissingAsync()
    {
        foreach (var image in new[] { Node, Coordinator })
        {
            if (!await DockerEngine.ImageExistsAsync(image))
            {
                return image;
            }
        }

        return null;
    }
}
