using MpcNetwork.Coordinator.Cli;
using MpcNetwork.Protos.Session.V1;
using MpcNetwork.Shared.Protocols;

namespace MpcNetwork.Tests.Psi;

public class PsiPlanTests
{
    private static readonly string[] Parties = ["alice", "bob", "carol"];

    [Fact]
    public void Complete_fills_every_bound()
    {
        var parameters = new PsiParameters { MaxItems = 100, PartyMaxItems = { ["bob"] = 7 } };

        var complete = PsiPlan.Complete(parameters, Parties, ["alice", "caller"]);

        Assert.Equal(PsiProfile.Exact, complete.Profile);
        Assert.Equal(100, complete.PartyMaxItems["alice"]);
        Assert.Equal(7, complete.PartyMaxItems["bob"]);
        Assert.Equal(100, complete.PartyMaxItems["carol"]);
    }

    [Theory]
    [InlineData(0, "", "Party 'alice' has no PSI bound")]
    [InlineData(10, "mallory", "not a party of this session")]
    [InlineData(PsiPlan.MaxBound + 1L, "", "it must lie in 1..")]
    public void Complete_rejects_bad_bounds(long maxItems, string extraParty, string expected)
    {
        var parameters = new PsiParameters { MaxItems = maxItems };
        if (extraParty.Length > 0)
        {
            parameters.PartyMaxItems[extraParty] = 5;
        }

        var error = Assert.Throws<ArgumentException>(() => PsiPlan.Complete(parameters, Parties, ["alice"]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_rejects_multiparty_cardinality()
    {
        var parameters = new PsiParameters { MaxItems = 10, Cardinality = true };

        var error = Assert.Throws<ArgumentException>(() => PsiPlan.Complete(parameters, Parties, ["alice"]));

        Assert.Contains("two parties only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_rejects_caller_only_recipients()
    {
        var parameters = new PsiParameters { MaxItems = 10 };

        var error = Assert.Throws<ArgumentException>(() => PsiPlan.Complete(parameters, Parties, ["caller"]));

        Assert.Contains("at least one recipient must be a party", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leader_is_recipient_with_smallest_bound()
    {
        var plan = new SessionPlan { Psi = PsiPlan.Complete(new PsiParameters { MaxItems = 50, PartyMaxItems = { ["alice"] = 10, ["carol"] = 20 } }, Parties, ["bob", "carol"]) };
        plan.Parties.AddRange(Parties.Select(party => new Participant { PartyId = party }));
        plan.Recipients.AddRange(["bob", "carol"]);

        Assert.Equal(2, PsiPlan.Leader(plan));
    }

    [Fact]
    public void Max_items_option_reads_common_and_party_bounds()
    {
        var parameters = new PsiParameters();

        SessionOptions.ParseMaxItems(["1000", "bob=20"], parameters);

        Assert.Equal(1000, parameters.MaxItems);
        Assert.Equal(20, parameters.PartyMaxItems["bob"]);
        Assert.Throws<ArgumentException>(() => SessionOptions.ParseMaxItems(["bob=-1"], parameters));
        Assert.Throws<ArgumentException>(() => SessionOptions.ParseMaxItems(["ten"], parameters));
    }
}
