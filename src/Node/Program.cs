using MpcNetwork.Shared.Hosting;
using MpcNetwork.Shared.Security;

namespace MpcNetwork.Node;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        WebApplication app;
        try
        {
            app = NodeHost.Build(args);
        }
        catch (Exception error) when (error is ConfigurationException or CertificateException)
        {
            await Console.Error.WriteLineAsync($"node: {error.Message}");
            return 2;
        }

        await app.RunAsync();
        return 0;
    }
}
