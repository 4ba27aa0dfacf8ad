using MpcNetwork.Node.Sessions;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Protocols;
using MpcNetwork.Shared.Psi;

namespace MpcNetwork.Node.Psi;

/// <summary>
/// Reads a node's PSI input at prepare: the file that <c>@PATH</c> names, canonicalised by the
/// plan's profile and checked against this party's bound, before anything leaves the node.
/// </summary>
internal static class PsiInputCheck
{
    public static (NodeComputation? Computation, PlanRejection? Rejection) Read(SessionPlan plan, string partyId, string input)
    {
        PsiParameters parameters;
        try
        {
            parameters = PsiPlan.Complete(plan.Psi, [.. plan.Parties.Select(party => party.PartyId)], plan.Recipients);
        }
        catch (ArgumentException error)
        {
            return (null, new("psi-parameters", error.Message));
        }

        var text = input.Trim();
        if (!text.StartsWith(InputValues.FilePrefix))
        {
            return (null, new("input", $"the PSI input of party '{partyId}' must be a file path written as @PATH"));
        }

        var path = text[1..];
        try
        {
            var set = PsiInputReader.ReadFile(path, PsiPlan.InputOptions(parameters, partyId));
            return (new PsiComputation(set, parameters), null);
        }
        catch (PsiInputException error) when (error.ExceedsBound)
        {
            return (null, new("psi-bound", $"party '{partyId}': {error.Message}"));
        }
        catch (PsiInputException error)
        {
            return (null, new("input", $"the PSI input of party '{partyId}' is unusable: {error.Message}"));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            var problem = error is FileNotFoundException or DirectoryNotFoundException ? "was not found" : $"is unreadable ({error.Message})";
            return (null, new("input", $"the PSI input file '{path}' of party '{partyId}' {problem}"));
        }
    }
}
