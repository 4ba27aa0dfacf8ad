namespace MpcNetwork.ContainerTests.Support;

/// <summary>The parties of the container tests and their private inputs.</summary>
internal static class Parties
{
    public static NodeSpec Alice { get; } = new("alice", "3800");

    public static NodeSpec Bob { get; } = new("bob", "4100");

    public static NodeSpec Carlos { get; } = new("carlos", "2900");

    public static NodeSpec David { get; } = new("david", "5200");

    /// <summary>Alice, Bob and Carlos: sum 10800, average 3600.</summary>
    public static IReadOnlyList<NodeSpec> Three { get; } = [Alice, Bob, Carlos];

    /// <summary>All four parties: sum 16000, average 4000.</summary>
    public static IReadOnlyList<NodeSpec> Four { get; } = [Alice, Bob, Carlos, David];
}
