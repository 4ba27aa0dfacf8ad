using System.Runtime.InteropServices;

namespace MpcNetwork.Shared.Psi;

/// <summary>
/// P/Invoke declarations for the libsodium functions that PSI uses. The native library comes
/// from the <c>libsodium</c> NuGet package that NSec.Cryptography depends on.
/// </summary>
/// <remarks>
/// Output buffers come first in every signature. The ristretto255 functions are thread safe
/// once <c>sodium_init</c> has returned 0 or 1.
/// </remarks>
internal static unsafe partial class Sodium
{
    private const string Library = "libsodium";

    private static readonly int InitResult = sodium_init();

    [LibraryImport(Library)]
    private static partial int sodium_init();

    [LibraryImport(Library)]
    internal static partial int crypto_core_ristretto255_from_hash(byte* element, byte* uniform64);

    [LibraryImport(Library)]
    internal static partial int crypto_core_ristretto255_is_valid_point(byte* element);

    [LibraryImport(Library)]
    internal static partial void crypto_core_ristretto255_random(byte* element);

    [LibraryImport(Library)]
    internal static partial int crypto_scalarmult_ristretto255(byte* result, byte* scalar, byte* element);

    [LibraryImport(Library)]
    internal static partial int crypto_scalarmult_ristretto255_base(byte* result, byte* scalar);

    [LibraryImport(Library)]
    internal static partial void crypto_core_ristretto255_scalar_random(byte* scalar);

    [LibraryImport(Library)]
    internal static partial int crypto_core_ristretto255_scalar_invert(byte* inverse, byte* scalar);

    /// <summary>Initialises libsodium once per process; throws when the native library cannot start.</summary>
    internal static void EnsureInitialized()
    {
        // sodium_init returns 0 on the first call, 1 when already initialised and -1 on failure.
        if (InitResult < 0)
        {
            throw new InvalidOperationException("libsodium failed to initialise (sodium_init returned -1).");
        }
    }
}
