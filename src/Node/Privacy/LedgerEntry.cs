using MpcNetwork.Shared.Privacy;

namespace MpcNetwork.Node.Privacy;

/// <summary>One committed spend of privacy budget.</summary>
/// <param name="Id">Row id, increasing in commit order.</param>
/// <param name="InputName">The protected input that was charged.</param>
/// <param name="SessionId">The session that the spend paid for.</param>
/// <param name="Epsilon">The ε charged, exactly.</param>
/// <param name="SpentAt">When the debit was committed (UTC).</param>
public sealed record LedgerEntry(long Id, string InputName, string SessionId, Rational Epsilon, DateTimeOffset SpentAt);
