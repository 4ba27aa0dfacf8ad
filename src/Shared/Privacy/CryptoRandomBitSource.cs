using System.Security.Cryptography;

namespace MpcNetwork.Shared.Privacy;

/// <summary>
/// Random bytes from the operating system's CSPRNG through <see cref="RandomNumberGenerator"/>.
/// The instance is stateless and safe to share between threads.
/// </summary>
/// <remarks>
/// Noise bytes come straight from the CSPRNG and are independent of the pairwise PRG seeds that
/// peers share, so no peer can recompute another node's noise.
/// </remarks>
public sealed class CryptoRandomBitSource : IRandomBitSource
{
    private CryptoRandomBitSource()
    {
    }

    /// <summary>The process-wide instance.</summary>
    public static CryptoRandomBitSource Instance { get; } = new();

    /// <inheritdoc />
    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
