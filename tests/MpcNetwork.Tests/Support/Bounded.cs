namespace MpcNetwork.Tests.Support;

/// <summary>Every await in the tests goes through here, so a hung test fails instead of blocking the run.</summary>
internal static class Bounded
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    public static Task<T> Within<T>(this Task<T> task, TimeSpan? limit = null) => task.WaitAsync(limit ?? Default);

    public static Task Within(this Task task, TimeSpan? limit = null) => task.WaitAsync(limit ?? Default);
}
