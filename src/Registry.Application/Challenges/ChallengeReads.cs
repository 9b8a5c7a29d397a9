using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Demands;
using Registry.Domain.Time;

namespace Registry.Application.Challenges;

/// <summary>Reads of challenges with their complaint, and who may see one: the challenger, the agency and the supervisors of the demand's region.</summary>
internal static class ChallengeReads
{
    public sealed record Row
    {
        public Guid Id { get; init; }
        public Guid DemandId { get; init; }
        public string DemandNumber { get; init; } = "";
        public string DemandTitle { get; init; } = "";
        public Guid AgencyId { get; init; }
        public string RegionCode { get; init; } = "";
        public Guid EnterpriseId { get; init; }
        public string EnterpriseName { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public string Grounds { get; init; } = "";
        public string? Evidence { get; init; }
        public DateTimeOffset FiledAt { get; init; }
        public DateTimeOffset AnswerDue { get; init; }
        public string? Answer { get; init; }
        public bool? Upheld { get; init; }
        public DateTimeOffset? AnsweredAt { get; init; }
        public Guid? ComplaintId { get; init; }
        public string? ComplaintStatus { get; init; }
        public string? ComplaintGrounds { get; init; }
        public DateTimeOffset? ComplaintFiledAt { get; init; }
        public DateTimeOffset? SuspendedAt { get; init; }
        public string? SuspensionReason { get; init; }
        public DateTimeOffset? DecidedAt { get; init; }
        public bool? ComplaintUpheld { get; init; }
        public string? Reasoning { get; init; }
        public string? RedoStep { get; init; }

        public VisibleItem Item => new([AgencyId, EnterpriseId], RegionCode, Exposure.Supervised);

        public ChallengeState State => new(Id, DemandId, EnterpriseId, Kind, Status, AnswerDue, AnsweredAt);

        public ComplaintState Complaint => new(ComplaintId!.Value, Id, DemandId, Kind, ComplaintStatus!);

        public ChallengeView View(DateTimeOffset now, TimeSpan complaintPeriod) => new()
        {
            Id = Id, DemandId = DemandId, DemandNumber = DemandNumber, Kind = Kind, Status = Status, EnterpriseId = EnterpriseId,
            EnterpriseName = EnterpriseName, Grounds = Grounds, Evidence = Evidence, FiledAt = FiledAt, AnswerDue = AnswerDue,
            AnswerDueChina = ChinaTime.Format(AnswerDue), Answer = Answer, Upheld = Upheld, AnsweredAt = AnsweredAt,
            ComplaintsCloseChina = AnsweredAt is not null || now >= AnswerDue ? ChinaTime.Format(ChallengeLifecycle.ComplaintsCloseAt(State, complaintPeriod)) : null,
            Complaint = ComplaintId is not { } complaintId ? null : new ComplaintView
            {
                Id = complaintId, Status = ComplaintStatus!, Grounds = ComplaintGrounds!, FiledAt = ComplaintFiledAt!.Value, SuspendedAt = SuspendedAt,
                SuspensionReason = SuspensionReason, DecidedAt = DecidedAt, Upheld = ComplaintUpheld, Reasoning = Reasoning, RedoRequired = RedoStep,
            },
        };
    }

    public static async Task<Row> FindAsync(IQueryDb db, Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<Row>(ByIdSql, new { id }, ct) ?? throw new NotFound("challenge", id);

    /// <summary>The challenge a complaint was filed on; 404 names the complaint.</summary>
    public static async Task<Row> OfComplaintAsync(IQueryDb db, Guid complaintId, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<Row>(ByComplaintSql, new { complaintId }, ct) ?? throw new NotFound("complaint", complaintId);

    private const string Select = """
        select h.id, h.demand_id, d.number as demand_number, d.title as demand_title, d.agency_id, d.region_code, h.enterprise_id,
            o.name_zh as enterprise_name, h.kind, h.status, h.grounds, h.evidence, h.filed_at, h.answer_due, h.answer, h.upheld, h.answered_at,
            p.id as complaint_id, p.status as complaint_status, p.grounds as complaint_grounds, p.filed_at as complaint_filed_at, p.suspended_at,
            p.suspension_reason, p.decided_at, p.upheld as complaint_upheld, p.reasoning, p.redo_step
        from demand_challenges h
        join demands d on d.id = h.demand_id
        join organizations o on o.id = h.enterprise_id
        left join demand_complaints p on p.challenge_id = h.id
        """;

    private static readonly Sql ByIdSql = new(Select + " where h.id = @id");

    private static readonly Sql ByComplaintSql = new(Select + " where p.id = @complaintId");

    public static readonly Sql OfDemandSql = new(Select + " where h.demand_id = @demandId order by h.filed_at, h.id");

    public static readonly Sql OfEnterpriseSql = new(Select + " where h.demand_id = @demandId and h.enterprise_id = @enterpriseId order by h.filed_at, h.id");
}
