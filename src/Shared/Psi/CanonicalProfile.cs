namespace MpcNetwork.Shared.Psi;

/// <summary>How raw text becomes a PSI item. Every node of a session must use the same profile.</summary>
public enum CanonicalProfile
{
    /// <summary>Unicode NFC, then leading and trailing white space trimmed.</summary>
    Exact = 1,

    /// <summary>As <see cref="Exact"/>, then lower-cased with the invariant culture.</summary>
    Email = 2,
}
