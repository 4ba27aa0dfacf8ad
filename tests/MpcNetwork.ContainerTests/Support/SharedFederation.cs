namespace MpcNetwork.ContainerTests.Support;

/// <summary>
/// A federation of four node containers and a coordinator, shared by the tests that only run
/// sessions. The first test that asks starts it; the test class's end disposes it.
/// </summary>
public sealed class SharedFederation : IAsyncLifetime
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private ContainerFederation? _federation;

    internal async Task<ContainerFederation> GetAsync()
    {
        await DockerEngine.RequireAsync();
        await _start.WaitAsync();
        try
        {
            return _federation ??= await ContainerFederation.StartAsync(Parties.Four);
        }
        finally
        {
            _start.Release();
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_federation is not null)
        {
            await _federation.DisposeAsync();
        }

        _start.Dispose();
    }
}
