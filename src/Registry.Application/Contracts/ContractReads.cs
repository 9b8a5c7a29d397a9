using Registry.Application.Common;
using Registry.Domain.Demands;
using Registry.Domain.Access;

namespace Registry.Application.Contracts;

/// <summary>
/// How contract use cases read a contract: <see cref="SnapshotAsync"/> for deciding, <see cref="ViewAsync"/> only for answering.
/// </summary>
internal static class ContractReads
{
    public static async Task<ContractView> ViewAsync(IQueryDb db, Guid id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<ContractRow>(ByIdSql, new { id }, ct) ?? throw new NotFound("contract", id);
        var deliveries = await db.QueryAsync<DeliveryRow>(DeliveriesSql, new { id }, ct);
        return row.ToView(deliveries.Select(d => d.ToView()).ToList());
    }

    /// <summary>The contract as its rules see it (<see cref="ContractSnapshot"/>), with its deliveries: what handlers decide on.</summary>
    public static async Task<ContractSnapshot> SnapshotAsync(IQueryDb db, Guid id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<SnapshotRow>(SnapshotSql, new { id }, ct) ?? throw new NotFound("contract", id);
        var deliveries = await db.QueryAsync<DeliverySnapshotRow>(DeliverySnapshotsSql, new { id }, ct);
        return new ContractSnapshot(row.Id, row.Number, row.DemandId, row.AgencyId, row.EnterpriseId, row.EnterpriseNameZh, row.RegionCode, row.Status,
            row.MinimumAccuracy, row.DueDate, row.RowVersion,
            deliveries.Select(d => new DeliverySnapshot(d.Id, d.Attempt, d.Quantity, d.Status, d.OnTime)).ToList());
    }

    /// <summary>The contract as the visibility rule sees it: its two parties' and its region's supervisors'.</summary>
    public static VisibleItem Item(ContractView contract) => VisibleItem.Contract(contract.AgencyId, contract.EnterpriseId, contract.RegionCode);

    public static VisibleItem Item(ContractSnapshot contract) => VisibleItem.Contract(contract.AgencyId, contract.EnterpriseId, contract.RegionCode);

    /// <summary>
    /// A contract the caller acts on as a party (its role says which), at the version it read: anyone who may not see it learns
    /// nothing (404), a supervisor is refused (403), a stale version is 412.
    /// </summary>
    public static async Task<ContractSnapshot> ForPartyAsync(IQueryDb db, ICaller caller, Guid id, long expectedVersion, CancellationToken ct)
    {
        var contract = await SnapshotAsync(db, id, ct);
        caller.Require(Item(contract), Act.AsParty, "contract", id, "Only the parties of this contract act on it.");
        PreconditionFailed.ThrowIfStale("contract", contract.RowVersion, expectedVersion);
        return contract;
    }

    public const string Select = """
        select c.id, c.number, c.demand_id, d.number as demand_number, d.title as demand_title, c.bid_id, c.agency_id, a.name_zh as agency_name_zh,
            c.enterprise_id, e.name_zh as enterprise_name_zh, c.domain, c.region_code, c.contract_value, c.volume, c.volume_unit, c.minimum_accuracy,
            c.due_date, c.bid_rank, c.award_reason, c.status, c.status_reason, c.accepted_accuracy, c.on_time, c.awarded_at, c.signed_at, c.closed_at,
            c.row_version
        from contracts c
        join demands d on d.id = c.demand_id
        join organizations a on a.id = c.agency_id
        join organizations e on e.id = c.enterprise_id
        """;

    private static readonly Sql ByIdSql = new($"{Select} where c.id = @id");
    private static readonly Sql DeliveriesSql = new("""
        select id, attempt, description, quantity, manifest_sha256, delivered_at, on_time, status, sample_size, measured_accuracy, decision_note, decided_at
        from deliveries where contract_id = @id order by attempt
        """);

    // The enterprise's name only because alerts name the contract by it.
    private static readonly Sql SnapshotSql = new("""
        select c.id, c.number, c.demand_id, c.agency_id, c.enterprise_id, e.name_zh as enterprise_name_zh, c.region_code, c.status,
            c.minimum_accuracy, c.due_date, c.row_version
        from contracts c join organizations e on e.id = c.enterprise_id
        where c.id = @id
        """);
    private static readonly Sql DeliverySnapshotsSql = new("select id, attempt, quantity, status, on_time from deliveries where contract_id = @id order by attempt");

    private sealed class SnapshotRow
    {
        public Guid Id { get; init; }
        public string Number { get; init; } = "";
        public Guid DemandId { get; init; }
        public Guid AgencyId { get; init; }
        public Guid EnterpriseId { get; init; }
        public string EnterpriseNameZh { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public string Status { get; init; } = "";
        public decimal MinimumAccuracy { get; init; }
        public DateOnly DueDate { get; init; }
        public long RowVersion { get; init; }
    }

    private sealed class DeliverySnapshotRow
    {
        public Guid Id { get; init; }
        public int Attempt { get; init; }
        public decimal Quantity { get; init; }
        public string Status { get; init; } = "";
        public bool OnTime { get; init; }
    }

    internal sealed class ContractRow
    {
        public Guid Id { get; init; }
        public string Number { get; init; } = "";
        public Guid DemandId { get; init; }
        public string? DemandNumber { get; init; }
        public string DemandTitle { get; init; } = "";
        public Guid BidId { get; init; }
        public Guid AgencyId { get; init; }
        public string AgencyNameZh { get; init; } = "";
        public Guid EnterpriseId { get; init; }
        public string EnterpriseNameZh { get; init; } = "";
        public string Domain { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public decimal ContractValue { get; init; }
        public decimal Volume { get; init; }
        public string VolumeUnit { get; init; } = "";
        public decimal MinimumAccuracy { get; init; }
        public DateOnly DueDate { get; init; }
        public int BidRank { get; init; }
        public string? AwardReason { get; init; }
        public string Status { get; init; } = "";
        public string? StatusReason { get; init; }
        public decimal? AcceptedAccuracy { get; init; }
        public bool? OnTime { get; init; }
        public DateTimeOffset AwardedAt { get; init; }
        public DateTimeOffset? SignedAt { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }
        public long RowVersion { get; init; }

        public ContractView ToView(IReadOnlyList<DeliveryView>? deliveries) => new()
        {
            Id = Id, Number = Number, DemandId = DemandId, DemandNumber = DemandNumber, DemandTitle = DemandTitle, BidId = BidId, AgencyId = AgencyId,
            AgencyNameZh = AgencyNameZh, EnterpriseId = EnterpriseId, EnterpriseNameZh = EnterpriseNameZh, Domain = Domain, RegionCode = RegionCode,
            Value = ContractValue, Volume = Volume, VolumeUnit = VolumeUnit, MinimumAccuracy = MinimumAccuracy, DueDate = DueDate, BidRank = BidRank,
            AwardReason = AwardReason, Status = Status, StatusReason = StatusReason, AcceptedAccuracy = AcceptedAccuracy, OnTime = OnTime,
            AwardedAt = AwardedAt, SignedAt = SignedAt, ClosedAt = ClosedAt, RowVersion = RowVersion, Deliveries = deliveries,
        };
    }

    internal sealed class DeliveryRow
    {
        public Guid Id { get; init; }
        public int Attempt { get; init; }
        public string Description { get; init; } = "";
        public decimal Quantity { get; init; }
        public string ManifestSha256 { get; init; } = "";
        public DateTimeOffset DeliveredAt { get; init; }
        public bool OnTime { get; init; }
        public string Status { get; init; } = "";
        public int? SampleSize { get; init; }
        public decimal? MeasuredAccuracy { get; init; }
        public string? DecisionNote { get; init; }
        public DateTimeOffset? DecidedAt { get; init; }

        public DeliveryView ToView() => new(Id, Attempt, Description, Quantity, ManifestSha256, DeliveredAt, OnTime, Status, SampleSize, MeasuredAccuracy,
            DecisionNote, DecidedAt);
    }
}
