namespace MpcNetwork.Shared.Psi;

/// <summary>
/// A PSI input that cannot be used: a line that is not valid UTF-8, a missing CSV column, or a
/// set over its declared bound. Messages name line numbers and sizes, never item values.
/// </summary>
public sealed class PsiInputException : Exception
{
    public PsiInputException(string message)
        : base(message)
    {
    }

    public PsiInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PsiInputException()
    {
    }

    /// <summary>Whether the input failed because it has more distinct items than its declared bound.</summary>
    public bool ExceedsBound { get; init; }
}
