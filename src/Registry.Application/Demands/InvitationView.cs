using Registry.Application.Common;

namespace Registry.Application.Demands;

/// <summary>An invitation to bid, with what the invitee needs of its demand: seen by the agency, its regulators and the invitee only.</summary>
public sealed record InvitationView(Guid Id, Guid DemandId, string? DemandNumber, string DemandTitle, string DemandStatus, DateTimeOffset BidDeadline,
    Guid AgencyId, string AgencyNameZh, Guid EnterpriseId, string EnterpriseNameZh, string? Message, DateTimeOffset InvitedAt);

/// <summary>What an invitation request did: every listed enterprise's invitation, and how many of them this request created.</summary>
public sealed record InvitationBatch(IReadOnlyList<InvitationView> Invitations, int Created);

/// <summary>How the invitation use cases read invitations: one select, filtered by each.</summary>
internal static class InvitationReads
{
    public const string Select = """
        select i.id, i.demand_id, d.number as demand_number, d.title as demand_title, d.status as demand_status, d.bid_deadline,
            d.agency_id, a.name_zh as agency_name_zh, i.enterprise_id, e.name_zh as enterprise_name_zh, i.message, i.invited_at
        from demand_invitations i
        join demands d on d.id = i.demand_id
        join organizations a on a.id = d.agency_id
        join organizations e on e.id = i.enterprise_id
        """;

    public static readonly Sql OfDemandSql = new($"{Select} where i.demand_id = @demandId order by i.invited_at, i.id");

    private static readonly Sql OneSql = new($"{Select} where i.demand_id = @demandId and i.enterprise_id = @enterpriseId");

    public static async Task<IReadOnlyList<InvitationView>> ListAsync(IQueryDb db, Sql sql, object param, CancellationToken ct) =>
        (await db.QueryAsync<Row>(sql, param, ct)).Select(r => r.ToView()).ToList();

    public static async Task<InvitationView?> FindAsync(IQueryDb db, Guid demandId, Guid enterpriseId, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>(OneSql, new { demandId, enterpriseId }, ct))?.ToView();

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public Guid DemandId { get; init; }
        public string? DemandNumber { get; init; }
        public string DemandTitle { get; init; } = "";
        public string DemandStatus { get; init; } = "";
        public DateTimeOffset BidDeadline { get; init; }
        public Guid AgencyId { get; init; }
        public string AgencyNameZh { get; init; } = "";
        public Guid EnterpriseId { get; init; }
        public string EnterpriseNameZh { get; init; } = "";
        public string? Message { get; init; }
        public DateTimeOffset InvitedAt { get; init; }

        public InvitationView ToView() => new(Id, DemandId, DemandNumber, DemandTitle, DemandStatus, BidDeadline, AgencyId, AgencyNameZh, EnterpriseId,
            EnterpriseNameZh, Message, InvitedAt);
    }
}
