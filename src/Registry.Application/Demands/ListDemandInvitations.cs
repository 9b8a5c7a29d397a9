using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Demands;

/// <summary>
/// Whom the agency invited to bid on its demand, oldest first: for the agency and the regulators of the demand's region only,
/// before and after the deadline. Who was invited is who may bid, which the Bidding Law keeps from everyone else.
/// </summary>
[AllowedFor(Roles.Agency, Roles.Regulator, Roles.Admin)]
public sealed record ListDemandInvitations(Guid DemandId) : IQuery<IReadOnlyList<InvitationView>>;

internal sealed class ListDemandInvitationsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListDemandInvitations, IReadOnlyList<InvitationView>>
{
    public async Task<IReadOnlyList<InvitationView>> Handle(ListDemandInvitations q, CancellationToken ct)
    {
        var demand = await DemandReads.SnapshotAsync(db, q.DemandId, ct) ?? throw new NotFound("demand", q.DemandId);
        // For anyone but the agency and its supervisors the invitations do not exist, as the sealed bids do not.
        if (caller.Sight(DemandReads.Item(demand)).Refuses(Act.AsPartyOrSupervisor) is not null) throw new NotFound("demand", q.DemandId);
        return await InvitationReads.ListAsync(db, InvitationReads.OfDemandSql, new { q.DemandId }, ct);
    }
}
