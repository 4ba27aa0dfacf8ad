using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Psi;

namespace MpcNetwork.Shared.Protocols;

/// <summary>
/// Reads and checks the PSI parameters of a plan: the profile, the mode, the CSV column, each
/// party's bound and the leader. The coordinator and every node apply the same rules.
/// </summary>
public static class PsiPlan
{
    /// <summary>
    /// Largest bound per party: every party holds 32 bytes per padded item in one array, and a
    /// .NET array holds at most 2^31 bytes.
    /// </summary>
    public const int MaxBound = 50_000_000;

    /// <summary>
    /// Returns the parameters with every party's bound filled in (its own entry, else
    /// <c>max_items</c>), or throws <see cref="ArgumentException"/> with the problem.
    /// </summary>
    public static PsiParameters Complete(PsiParameters? parameters, IReadOnlyList<string> parties, IEnumerable<string> recipients)
    {
        if (parameters is null)
        {
            throw new ArgumentException("A PSI session needs its parameters: at least a bound on the number of items (max_items).");
        }

        var complete = parameters.Clone();
        if (complete.Profile == PsiProfile.Unspecified)
        {
            complete.Profile = PsiProfile.Exact;
        }

        if (!Enum.IsDefined(complete.Profile))
        {
            throw new ArgumentException($"Unknown PSI profile {complete.Profile}; use exact or email.");
        }

        if (complete.CsvColumn < 0)
        {
            throw new ArgumentException($"CSV column {complete.CsvColumn} is negative; columns count from 1, and 0 means the whole line.");
        }

        var unknown = complete.PartyMaxItems.Keys.FirstOrDefault(party => !parties.Contains(party));
        if (unknown is not null)
        {
            throw new ArgumentException($"A PSI bound is given for '{unknown}', which is not a party of this session.");
        }

        foreach (var party in parties)
        {
            var bound = complete.PartyMaxItems.TryGetValue(party, out var own) ? own : complete.MaxItems;
            if (bound < 1 || bound > MaxBound)
            {
                throw new ArgumentException(bound == 0
                    ? $"Party '{party}' has no PSI bound; set max_items (--max-items) for every party or for this one."
                    : $"The PSI bound of party '{party}' is {bound}; it must lie in 1..{MaxBound}.");
            }

            complete.PartyMaxItems[party] = bound;
        }

        if (complete.Cardinality && parties.Count > 2)
        {
            throw new ArgumentException(
                $"PSI cardinality mode supports two parties only, and this session has {parties.Count}: the known multi-party variant lets colluding nodes learn the intersection.");
        }

        if (!recipients.Any(parties.Contains))
        {
            throw new ArgumentException("The PSI leader learns the output, so at least one recipient must be a party of the session.");
        }

        return complete;
    }

    /// <summary>Returns each party's bound in roster order; the plan's parameters must be complete.</summary>
    public static int[] Bounds(SessionPlan plan) =>
        [.. plan.Parties.Select(party => (int)plan.Psi.PartyMaxItems[party.PartyId])];

    /// <summary>
    /// Returns the roster index of the leader: the recipient node with the smallest bound, ties
    /// broken by the lowest index. A small bound limits how many guesses the leader can test.
    /// </summary>
    public static int Leader(SessionPlan plan)
    {
        var parties = plan.Parties.Select(party => party.PartyId).ToList();
        var recipientNodes = plan.Recipients.Select(recipient => parties.IndexOf(recipient)).Where(index => index >= 0);
        return MultipartyPsiParty.ChooseLeader(Bounds(plan), recipientNodes);
    }

    public static PsiMode Mode(PsiParameters parameters) => parameters.Cardinality ? PsiMode.Cardinality : PsiMode.Intersection;

    /// <summary>Returns how a node reads its input file for this plan and party.</summary>
    public static PsiInputOptions InputOptions(PsiParameters parameters, string partyId) => new(
        parameters.Profile == PsiProfile.Email ? CanonicalProfile.Email : CanonicalProfile.Exact,
        (int)parameters.PartyMaxItems[partyId],
        parameters.CsvColumn > 0 ? parameters.CsvColumn - 1 : null);
}
