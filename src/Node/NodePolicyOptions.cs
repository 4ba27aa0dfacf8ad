using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.Node;

/// <summary>
/// What this node agrees to (configuration section <c>Node:Policy</c>). A plan that breaks the
/// policy is rejected at prepare, before any share leaves the node.
/// </summary>
public sealed class NodePolicyOptions
{
    /// <summary>Computations this node joins: sum, average, auction, vote, poll, psi. Unset means all.</summary>
    public List<string>? Computations { get; set; }

    /// <summary>
    /// Minimum number of parties per computation, e.g. <c>Node:Policy:MinParties:sum = 5</c>.
    /// Defaults: 3 for sum, average, vote and poll (with two parties each learns the other's input
    /// from the result), 2 for auction and psi.
    /// </summary>
    public Dictionary<string, int> MinParties { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Recipients this node allows (party ids, or caller ids such as <c>caller</c>). Unset means any.</summary>
    public List<string>? AllowedRecipients { get; set; }

    /// <summary>
    /// The smallest range a plan may declare for this node's input. A plan whose [min, max] does
    /// not contain [InputMin, InputMax] is rejected whatever the input is, so that narrow ranges
    /// cannot be used to probe the input. The input itself must lie in this range.
    /// </summary>
    public decimal? InputMin { get; set; }

    /// <inheritdoc cref="InputMin"/>
    public decimal? InputMax { get; set; }

    public static readonly IReadOnlyList<string> AllComputations = ["sum", "average", "auction", "vote", "poll", "psi"];

    /// <summary>Returns the computation's name as used in settings.</summary>
    public static string NameOf(Computation computation) => computation switch
    {
        Computation.Sum => "sum",
        Computation.Average => "average",
        Computation.Auction => "auction",
        Computation.Vote => "vote",
        Computation.Poll => "poll",
        Computation.Psi => "psi",
        _ => computation.ToString().ToLowerInvariant(),
    };

    public int MinPartiesFor(Computation computation)
    {
        var name = NameOf(computation);
        if (MinParties.TryGetValue(name, out var configured))
        {
            return configured;
        }

        return computation is Computation.Auction or Computation.Psi ? 2 : 3;
    }

    public bool Joins(Computation computation) =>
        Computations is null || Computations.Contains(NameOf(computation), StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns the first invalid policy setting with the reason, or null.</summary>
    public string? Validate()
    {
        foreach (var name in Computations ?? [])
        {
            if (!AllComputations.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return $"Node:Policy:Computations lists '{name}'; known computations are {string.Join(", ", AllComputations)}.";
            }
        }

        foreach (var (name, count) in MinParties)
        {
            if (!AllComputations.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return $"Node:Policy:MinParties:{name} names an unknown computation; known computations are {string.Join(", ", AllComputations)}.";
            }

            if (count < 2)
            {
                return $"Node:Policy:MinParties:{name} is {count}; a session always has at least 2 parties.";
            }
        }

        if (InputMin > InputMax)
        {
            return $"Node:Policy:InputMin {InputMin} is greater than Node:Policy:InputMax {InputMax}.";
        }

        return null;
    }
}
