using MpcNetwork.Shared.Privacy;

namespace MpcNetwork.Node.Privacy;

/// <summary>A protected input's budget: the configured total, what has been spent and what is left.</summary>
/// <param name="InputName">The protected input.</param>
/// <param name="Total">Total ε from the node's configuration.</param>
/// <param name="Spent">Exact sum of all committed spends.</param>
/// <param name="SpendCount">Number of committed spends.</param>
public sealed record BudgetStatus(string InputName, Rational Total, Rational Spent, int SpendCount)
{
    /// <summary>Total minus spent. It is negative only if the configured total was lowered after spending.</summary>
    public Rational Remaining => Total - Spent;
}
