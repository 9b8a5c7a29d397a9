using System.Text.Json;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>
/// How demand use cases read a demand: <see cref="SnapshotAsync"/> for deciding, <see cref="ViewAsync"/> only for answering.
/// </summary>
internal static class DemandReads
{
    public static async Task<DemandView> ViewAsync(IQueryDb db, Guid id, CancellationToken ct) =>
        await FindAsync(db, id, ct) ?? throw new NotFound("demand", id);

    public static async Task<DemandView?> FindAsync(IQueryDb db, Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<DemandRow>(ByIdSql, new { id }, ct))?.ToView();

    /// <summary>The demand as its rules see it (<see cref="DemandSnapshot"/>): what handlers decide on; null when there is none.</summary>
    public static async Task<DemandSnapshot?> SnapshotAsync(IQueryDb db, Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<SnapshotRow>(SnapshotSql, new { id }, ct))?.ToSnapshot();

    /// <summary>The demand as the visibility rule sees it: its agency's draft, public once published.</summary>
    /// <summary>Every open demand as its rules see it (the matching index's demand side).</summary>
    public static async Task<IReadOnlyList<DemandSnapshot>> OpenSnapshotsAsync(IQueryDb db, CancellationToken ct) =>
        (await db.QueryAsync<SnapshotRow>(OpenSnapshotsSql, new { open = DemandStatus.Open }, ct)).Select(r => r.ToSnapshot()).ToList();

    public static VisibleItem Item(DemandView demand) => VisibleItem.Demand(demand.AgencyId, demand.RegionCode, demand.Status);

    public static VisibleItem Item(DemandSnapshot demand) => VisibleItem.Demand(demand.AgencyId, demand.RegionCode, demand.Status);

    /// <summary>The caller agency's own demand: another agency gets 403 for a published demand and 404 for a draft it may not see.</summary>
    public static async Task<DemandSnapshot> OwnedAsync(IQueryDb db, ICaller caller, Guid id, CancellationToken ct)
    {
        var demand = await SnapshotAsync(db, id, ct) ?? throw new NotFound("demand", id);
        caller.Require(Item(demand), Act.AsParty, "demand", id, "Only the agency that published this demand may change it.");
        return demand;
    }

    /// <summary>The caller agency's own demand at the version it read (If-Match); a stale version is 412.</summary>
    public static async Task<DemandSnapshot> OwnedAsync(IQueryDb db, ICaller caller, Guid id, long expectedVersion, CancellationToken ct)
    {
        var demand = await OwnedAsync(db, caller, id, ct);
        PreconditionFailed.ThrowIfStale("demand", demand.RowVersion, expectedVersion);
        return demand;
    }

    public const string Select = """
        select d.id, d.agency_id, o.name_zh as agency_name_zh, d.catalog_entry_id, d.number, d.ocid, d.title, d.description, d.task_specification,
            d.positive_examples, d.negative_examples, d.domain, d.modality, d.task_types, d.volume, d.volume_unit, d.minimum_accuracy,
            d.budget_ceiling, d.required_grade, d.security_level, d.region_code, d.preferred_base_id, d.evaluation_method, d.price_weight,
            d.technical_weight, d.quality_weight, d.bid_deadline, d.due_date, d.minimum_eligible_bids, d.status, d.status_reason, d.published_at,
            case when d.closed_at is null then null
                else (select count(*) from bids b where b.demand_id = d.id and b.status <> 'withdrawn') end as bid_count,
            (select c.id from contracts c where c.demand_id = d.id and c.status <> 'annulled') as contract_id, d.row_version
        from demands d join organizations o on o.id = d.agency_id
        """;

    private static readonly Sql ByIdSql = new($"{Select} where d.id = @id");

    // Only the demand's own columns: no joins, no counts, nothing a rule does not read.
    private const string SnapshotSelect = """
        select id, agency_id, status, region_code, domain, modality, task_types, volume, volume_unit, minimum_accuracy, budget_ceiling,
            required_grade, security_level, evaluation_method, price_weight, technical_weight, quality_weight, bid_deadline, due_date,
            minimum_eligible_bids, preferred_base_id, catalog_entry_id, number, title, row_version
        from demands
        """;

    private static readonly Sql SnapshotSql = new($"{SnapshotSelect} where id = @id");

    private static readonly Sql OpenSnapshotsSql = new($"{SnapshotSelect} where status = @open");

    private sealed class SnapshotRow
    {
        public Guid Id { get; init; }
        public Guid AgencyId { get; init; }
        public string Status { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public string Domain { get; init; } = "";
        public string Modality { get; init; } = "";
        public string TaskTypes { get; init; } = "";
        public decimal Volume { get; init; }
        public string VolumeUnit { get; init; } = "";
        public decimal MinimumAccuracy { get; init; }
        public decimal BudgetCeiling { get; init; }
        public int RequiredGrade { get; init; }
        public string SecurityLevel { get; init; } = "";
        public string EvaluationMethod { get; init; } = "";
        public int PriceWeight { get; init; }
        public int TechnicalWeight { get; init; }
        public int QualityWeight { get; init; }
        public DateTimeOffset BidDeadline { get; init; }
        public DateOnly DueDate { get; init; }
        public int MinimumEligibleBids { get; init; }
        public Guid? PreferredBaseId { get; init; }
        public Guid? CatalogEntryId { get; init; }
        public string? Number { get; init; }
        public string Title { get; init; } = "";
        public long RowVersion { get; init; }

        public DemandSnapshot ToSnapshot() => new(Id, AgencyId, Status, RegionCode, Domain, Modality,
            TaskTypes.Split(',', StringSplitOptions.RemoveEmptyEntries), Volume, VolumeUnit, MinimumAccuracy, BudgetCeiling, RequiredGrade, SecurityLevel,
            new EvaluationMethod(EvaluationMethod, PriceWeight, TechnicalWeight, QualityWeight), BidDeadline, DueDate, MinimumEligibleBids, PreferredBaseId,
            CatalogEntryId, Number, Title, RowVersion);
    }

    internal sealed class DemandRow
    {
        public Guid Id { get; init; }
        public Guid AgencyId { get; init; }
        public string AgencyNameZh { get; init; } = "";
        public Guid? CatalogEntryId { get; init; }
        public string? Number { get; init; }
        public string? Ocid { get; init; }
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public string TaskSpecification { get; init; } = "";
        public string PositiveExamples { get; init; } = "[]";
        public string NegativeExamples { get; init; } = "[]";
        public string Domain { get; init; } = "";
        public string Modality { get; init; } = "";
        public string TaskTypes { get; init; } = "";
        public decimal Volume { get; init; }
        public string VolumeUnit { get; init; } = "";
        public decimal MinimumAccuracy { get; init; }
        public decimal BudgetCeiling { get; init; }
        public int RequiredGrade { get; init; }
        public string SecurityLevel { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public Guid? PreferredBaseId { get; init; }
        public string EvaluationMethod { get; init; } = "";
        public int PriceWeight { get; init; }
        public int TechnicalWeight { get; init; }
        public int QualityWeight { get; init; }
        public DateTimeOffset BidDeadline { get; init; }
        public DateOnly DueDate { get; init; }
        public int MinimumEligibleBids { get; init; }
        public string Status { get; init; } = "";
        public string? StatusReason { get; init; }
        public DateTimeOffset? PublishedAt { get; init; }
        public int? BidCount { get; init; }
        public Guid? ContractId { get; init; }
        public long RowVersion { get; init; }

        public DemandView ToView() => new()
        {
            Id = Id, AgencyId = AgencyId, AgencyNameZh = AgencyNameZh, CatalogEntryId = CatalogEntryId, Number = Number, Ocid = Ocid, Title = Title,
            Description = Description, TaskSpecification = TaskSpecification,
            PositiveExamples = JsonSerializer.Deserialize<List<string>>(PositiveExamples) ?? [],
            NegativeExamples = JsonSerializer.Deserialize<List<string>>(NegativeExamples) ?? [], Domain = Domain, Modality = Modality,
            TaskTypes = TaskTypes.Split(',', StringSplitOptions.RemoveEmptyEntries), Volume = Volume, VolumeUnit = VolumeUnit,
            MinimumAccuracy = MinimumAccuracy, BudgetCeiling = BudgetCeiling, RequiredGrade = RequiredGrade, SecurityLevel = SecurityLevel,
            RegionCode = RegionCode, PreferredBaseId = PreferredBaseId,
            Evaluation = new EvaluationMethod(EvaluationMethod, PriceWeight, TechnicalWeight, QualityWeight), BidDeadline = BidDeadline,
            DueDate = DueDate, MinimumEligibleBids = MinimumEligibleBids, Status = Status, StatusReason = StatusReason, PublishedAt = PublishedAt,
            BidCount = BidCount, ContractId = ContractId, RowVersion = RowVersion,
        };
    }
}
