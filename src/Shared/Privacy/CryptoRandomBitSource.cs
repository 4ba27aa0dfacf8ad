using System.Security.Cryptography;

namespace MpcNetwork.Shared.Privacy;

/// <summary>
/// Random bytes from the operating system's CSPRNG through <see cref="RandomNumberGenerator"/>.
/// The instance is safe to share between threads.
/// </summary>
/// <remarks>
/// The samplers ask for one to eight bytes at a time, so each thread draws 256 bytes at once and
/// hands them out in order, which saves a call into the OS per draw. Every byte is used once.
/// Noise bytes come straight from the CSPRNG and are independent of the pairwise PRG seeds that
/// peers share, so no peer can recompute another node's noise.
/// </remarks>
public sealed class CryptoRandomBitSource : IRandomBitSource
{
    private const int BufferSize = 256;

    [ThreadStatic]
    private static byte[]? _threadBuffer;

    // Bytes of _threadBuffer not yet handed out; they are the buffer's last _threadRemaining bytes.
    [ThreadStatic]
    private static int _threadRemaining;

    private CryptoRandomBitSource()
    {
    }

    /// <summary>The process-wide instance.</summary>
    public static CryptoRandomBitSource Instance { get; } = new();

    /// <inheritdoc />
    public void Fill(Span<byte> destination)
    {
        if (destination.Length > BufferSize / 4)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }

        var buffer = _threadBuffer ??= new byte[BufferSize];
        if (_threadRemaining < destination.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            _threadRemaining = BufferSize;
        }

        var source = buffer.AsSpan(BufferSize - _threadRemaining, destination.Length);
        source.CopyTo(destination);

        // Clear what was handed out, so the buffer holds only bytes that nobody has used yet.
        source.Clear();
        _threadRemaining -= destination.Length;
    }
}
