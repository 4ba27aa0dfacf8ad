using MpcNetwork.Shared.Security;

namespace MpcNetwork.Coordinator;

/// <summary>One roster entry: a party and its node's endpoint.</summary>
public sealed class RosterEntry
{
    public string PartyId { get; set; } = "";

    /// <summary>The node's address, e.g. <c>https://alice:5001</c>.</summary>
    public string Endpoint { get; set; } = "";
}

/// <summary>The coordinator's settings (configuration section <c>Coordinator</c>).</summary>
public sealed class CoordinatorOptions
{
    public const string SectionName = "Coordinator";

    /// <summary>The federation's parties in roster order; the order breaks ties (auction winner).</summary>
    public List<RosterEntry> Roster { get; set; } = [];

    /// <summary>SQLite file that records published results. Default <c>data/coordinator.db</c>.</summary>
    public string DatabasePath { get; set; } = "data/coordinator.db";

    /// <summary>Deadline of a session whose request sets none. Default 30 seconds; 1 second to 1 hour.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Returns the first invalid setting with the reason, or null when all are valid.</summary>
    public string? Validate()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Roster.Count; i++)
        {
            var entry = Roster[i];
            var setting = $"Coordinator:Roster:{i}";
            if (!PartyIdentity.IsValid(entry.PartyId) || entry.PartyId is PartyIdentity.Coordinator or PartyIdentity.Caller)
            {
                return $"{setting}:PartyId '{entry.PartyId}' is not a valid party id (1-64 of a-z, 0-9, '-', '_'; not 'coordinator' or 'caller').";
            }

            if (!seen.Add(entry.PartyId))
            {
                return $"{setting}:PartyId '{entry.PartyId}' appears twice in the roster.";
            }

            if (!Uri.TryCreate(entry.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
            {
                return $"{setting}:Endpoint '{entry.Endpoint}' is not an https:// address.";
            }
        }

        if (SessionTimeout < TimeSpan.FromSeconds(1) || SessionTimeout > TimeSpan.FromHours(1))
        {
            return $"Coordinator:SessionTimeout {SessionTimeout} is outside 00:00:01..01:00:00.";
        }

        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            return "Coordinator:DatabasePath is empty.";
        }

        return null;
    }
}
