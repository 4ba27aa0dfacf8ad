using Google.Protobuf.WellKnownTypes;
using MpcNetwork.Node.Sessions;
using MpcNetwork.Protos.Session.V1;

namespace MpcNetwork.Tests.Unit;

/// <summary>The sharing step with an in-memory transport: seeds wired between sessions by hand.</summary>
public class MaskedPartialTests
{
    [Fact]
    public void Masked_partials_add_up_to_contributions()
    {
        var sessions = Wire(["a", "b", "c", "d"], [[5, 10], [ulong.MaxValue, 20], [7, 30], [0, 40]]);

        for (var round = 0; round < 3; round++)
        {
            var sum = new ulong[2];
            foreach (var session in sessions)
            {
                var partial = session.MaskPartial(round, session.Computation.Contribute(0));
                sum[0] += partial[0];
                sum[1] += partial[1];
            }

            Assert.Equal(11UL, sum[0]);
            Assert.Equal(100UL, sum[1]);
        }
    }

    [Fact]
    public void Each_peer_gets_a_different_seed()
    {
        var sessions = Wire(["a", "b", "c"], [[1], [2], [3]]);
        var again = Wire(["a", "b", "c"], [[1], [2], [3]]);

        var seeds = new[] { "b", "c" }.Select(peer => Convert.ToHexString(sessions[0].OutgoingSeedFor(peer)))
            .Append(Convert.ToHexString(again[0].OutgoingSeedFor("b")))
            .ToList();

        Assert.Equal(seeds.Count, seeds.Distinct().Count());
    }

    [Fact]
    public void Single_partial_differs_from_contribution_and_across_rounds()
    {
        var sessions = Wire(["a", "b", "c"], [[42], [0], [0]]);

        var round0 = sessions[0].MaskPartial(0, [42]);
        var round1 = sessions[0].MaskPartial(1, [42]);

        Assert.NotEqual(42UL, round0[0]);
        Assert.NotEqual(round0[0], round1[0]);
    }

    private static List<NodeSession> Wire(string[] parties, ulong[][] inputs)
    {
        var plan = new SessionPlan
        {
            SessionId = Guid.NewGuid().ToString("N"),
            Computation = Computation.Sum,
            Deadline = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(1)),
        };
        plan.Parties.AddRange(parties.Select(party => new Participant { PartyId = party, Endpoint = "https://127.0.0.1:1" }));

        var sessions = parties.Select((party, i) => new NodeSession(plan, party, new AdditiveComputation(inputs[i]), TimeProvider.System)).ToList();
        foreach (var session in sessions)
        {
            session.Start();
        }

        foreach (var receiver in sessions)
        {
            foreach (var sender in sessions.Where(sender => sender != receiver))
            {
                Assert.True(receiver.TryAcceptSeed(sender.PartyId, sender.OutgoingSeedFor(receiver.PartyId)));
            }
        }

        return sessions;
    }
}
