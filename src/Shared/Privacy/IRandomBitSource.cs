namespace MpcNetwork.Shared.Privacy;

/// <summary>
/// A source of uniformly random bytes for the privacy samplers. Production code uses
/// <see cref="CryptoRandomBitSource"/>; a deterministic source belongs in tests only, because
/// noise that anyone can predict gives no privacy.
/// </summary>
public interface IRandomBitSource
{
    /// <summary>Fills <paramref name="destination"/> with independent, uniformly random bytes.</summary>
    void Fill(Span<byte> destination);
}
