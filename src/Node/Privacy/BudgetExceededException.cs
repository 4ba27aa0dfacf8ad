using MpcNetwork.Shared.Privacy;

namespace MpcNetwork.Node.Privacy;

/// <summary>Thrown when a debit would take a protected input's privacy budget below zero.</summary>
public sealed class BudgetExceededException : Exception
{
    public BudgetExceededException(string inputName, Rational requested, Rational remaining)
        : base($"Privacy budget exceeded for input '{inputName}': the request of epsilon {requested} is more than the remaining {remaining}. "
            + "Budget is never refunded; raise the input's total in the node's configuration only if the data owner agrees.")
    {
        InputName = inputName;
        Requested = requested;
        Remaining = remaining;
    }

    public BudgetExceededException()
    {
        InputName = string.Empty;
    }

    public BudgetExceededException(string message)
        : base(message)
    {
        InputName = string.Empty;
    }

    public BudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
        InputName = string.Empty;
    }

    /// <summary>The protected input whose budget was insufficient.</summary>
    public string InputName { get; }

    /// <summary>The ε that the rejected debit requested.</summary>
    public Rational Requested { get; }

    /// <summary>The ε left for the input when the debit was rejected.</summary>
    public Rational Remaining { get; }
}
