using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>
/// The agency of an open demand invites chosen enterprises to bid (邀请投标). Inviting an enterprise again changes nothing
/// and answers its first invitation. An invitation grants nothing: eligibility and sealing are those of every bidder.
/// </summary>
[AllowedFor(Roles.Agency)]
public sealed record InviteEnterprises(Guid DemandId, IReadOnlyList<Guid> EnterpriseIds, string? Message) : ICommand<InvitationBatch>;

public sealed class InviteEnterprisesValidator : AbstractValidator<InviteEnterprises>
{
    public const int MaxEnterprises = 100;

    public InviteEnterprisesValidator()
    {
        RuleFor(x => x.EnterpriseIds).NotEmpty().MaxCount(MaxEnterprises);
        RuleForEach(x => x.EnterpriseIds).NotEmpty();
        RuleFor(x => x.Message).MultilineText(1000);
    }
}

internal sealed class InviteEnterprisesHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock)
    : IRequestHandler<InviteEnterprises, InvitationBatch>
{
    public async Task<InvitationBatch> Handle(InviteEnterprises c, CancellationToken ct)
    {
        var demand = await DemandReads.SnapshotAsync(db, c.DemandId, ct) ?? throw new NotFound("demand", c.DemandId);
        caller.Require(DemandReads.Item(demand), Act.AsParty, "demand", c.DemandId, "Only the agency that published this demand may invite bidders.");
        outbox.Concerning("demand", c.DemandId.ToString());

        var problems = new Dictionary<string, string[]>();
        for (var i = 0; i < c.EnterpriseIds.Count; i++)
        {
            var invitee = await db.QuerySingleOrDefaultAsync<Invitee>(InviteeSql, new { id = c.EnterpriseIds[i] }, ct);
            var problem = invitee is null ? $"No organization with id '{c.EnterpriseIds[i]}' is registered."
                : invitee.Kind != Roles.Enterprise ? "Only enterprises are invited to bid; this organization is not an enterprise."
                : !invitee.Active ? "The enterprise is deactivated."
                : null;
            if (problem is not null) problems[$"enterpriseIds[{i}]"] = [problem];
        }
        if (problems.Count > 0) throw new ValidationFailed(problems);

        var message = string.IsNullOrWhiteSpace(c.Message) ? null : c.Message.Trim();
        var (invitations, created) = (new List<InvitationView>(), 0);
        foreach (var enterpriseId in c.EnterpriseIds.Distinct())
        {
            var existing = await InvitationReads.FindAsync(db, c.DemandId, enterpriseId, ct);
            if (existing is null)
            {
                var now = clock.GetUtcNow();
                var invited = DemandLifecycle.Invite(c.DemandId, Guid.CreateVersion7(), enterpriseId, demand.Status, demand.BidDeadline, now);
                // The unique index decides a concurrent invitation of the same enterprise: the loser runs again and answers the winner's.
                if (await db.ExecuteAsync(InsertSql, new { id = invited.Event.InvitationId, c.DemandId, enterpriseId, message, now }, ct) == 0)
                    throw DemandLifecycle.ClosedForBids("invited to");
                outbox.Publish(invited.Event);
                created++;
                existing = (await InvitationReads.FindAsync(db, c.DemandId, enterpriseId, ct))!;
            }
            invitations.Add(existing);
        }
        return new InvitationBatch(invitations, created);
    }

    private sealed class Invitee
    {
        public string Kind { get; init; } = "";
        public bool Active { get; init; }
    }

    private static readonly Sql InviteeSql = new("select kind, active from organizations where id = @id");

    private static readonly Sql InsertSql = new($"""
        insert into demand_invitations (id, demand_id, enterprise_id, message, invited_at)
        select @id, @demandId, @enterpriseId, @message, @now where {BiddingGuard.Open}
        """);
}
