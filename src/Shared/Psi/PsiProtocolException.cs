namespace MpcNetwork.Shared.Psi;

/// <summary>
/// A PSI message or computation that cannot go on: an invalid element, a message of the wrong
/// length or order, or an overflowing OKVS bin. The session must abort with nothing published.
/// </summary>
public sealed class PsiProtocolException : Exception
{
    public PsiProtocolException(string message)
        : base(message)
    {
    }

    public PsiProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PsiProtocolException()
    {
    }
}
