using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Contracts;

/// <summary>One delivery under a contract and the agency's acceptance decision on it.</summary>
public sealed record DeliveryView(Guid Id, int Attempt, string Description, decimal Quantity, string ManifestSha256, DateTimeOffset DeliveredAt,
    bool OnTime, string Status, int? SampleSize, decimal? MeasuredAccuracy, string? DecisionNote, DateTimeOffset? DecidedAt);

/// <summary>
/// A contract (合同) created by an award: the parties, the value (the winning price), the due date (the delivery date the
/// winner promised) and the accuracy bar; with its deliveries and their acceptance history on the contract page.
/// </summary>
public sealed record ContractView
{
    public required Guid Id { get; init; }
    public required string Number { get; init; }
    public required Guid DemandId { get; init; }
    public string? DemandNumber { get; init; }
    public required string DemandTitle { get; init; }
    public required Guid BidId { get; init; }
    public required Guid AgencyId { get; init; }
    public required string AgencyNameZh { get; init; }
    public required Guid EnterpriseId { get; init; }
    public required string EnterpriseNameZh { get; init; }
    public required string Domain { get; init; }
    public required string RegionCode { get; init; }
    public required decimal Value { get; init; }
    public required decimal Volume { get; init; }
    public required string VolumeUnit { get; init; }
    public required decimal MinimumAccuracy { get; init; }
    public required DateOnly DueDate { get; init; }
    /// <summary>The winning bid's rank in the evaluation; anything but 1 comes with <see cref="AwardReason"/>.</summary>
    public required int BidRank { get; init; }
    public string? AwardReason { get; init; }
    public required string Status { get; init; }
    public string? StatusReason { get; init; }
    public decimal? AcceptedAccuracy { get; init; }
    /// <summary>Whether the accepted delivery came on or before the due date; null until accepted.</summary>
    public bool? OnTime { get; init; }
    public required DateTimeOffset AwardedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public required long RowVersion { get; init; }
    /// <summary>Every delivery, oldest first; filled on the contract page, not in lists.</summary>
    public IReadOnlyList<DeliveryView>? Deliveries { get; init; }
}

/// <summary>
/// The caller's contracts: an agency's own, an enterprise's own, those in a regulator's jurisdiction, all for admins;
/// newest first, optionally by status.
/// </summary>
[AllowedFor(Roles.Agency, Roles.Enterprise, Roles.Regulator, Roles.Admin)]
public sealed record ListContracts(string? Status, int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<Page<ContractView>>, IPaged;

public sealed class ListContractsValidator : AbstractValidator<ListContracts>
{
    public ListContractsValidator()
    {
        this.RulesForPaging();
        RuleFor(x => x.Status).Must(s => ContractStatus.All.Contains(s!)).When(x => x.Status is not null)
            .WithMessage($"'status' is one of: {string.Join(", ", ContractStatus.All)}.");
    }
}

internal sealed class ListContractsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListContracts, Page<ContractView>>
{
    public async Task<Page<ContractView>> Handle(ListContracts q, CancellationToken ct)
    {
        var (party, jurisdiction) = caller.Role switch
        {
            Roles.Agency or Roles.Enterprise => (caller.RequireOrganization(), (string?)null),
            Roles.Regulator => ((Guid?)null, caller.RegionCode ?? "-"),
            _ => (null, Domain.Regions.RegionCode.National),
        };
        var filter = new { q.Status, party, jurisdiction, offset = (q.Page - 1) * q.PageSize, limit = q.PageSize };
        var page = await db.PageAsync<ContractReads.ContractRow>(CountSql, PageSql, filter, q, ct);
        return new Page<ContractView>(page.Items.Select(r => r.ToView(null)).ToList(), page.Total, page.PageNumber, page.PageSize);
    }

    private const string Where = """
        where (@status is null or c.status = @status)
          and (@party is null or c.agency_id = @party or c.enterprise_id = @party)
          and (@jurisdiction is null or @jurisdiction = '000000' or c.region_code = @jurisdiction or r.parent_code = @jurisdiction)
        """;

    private static readonly Sql CountSql = new($"select count(*) from contracts c join regions r on r.code = c.region_code {Where}");
    private static readonly Sql PageSql = new(d => $"{ContractReads.Select} join regions r on r.code = c.region_code {Where} order by c.awarded_at desc, c.id {d.Page}");
}

/// <summary>A contract page with its deliveries and acceptance history: for its parties, the regulators covering its region, and admins.</summary>
[AllowedFor(Roles.Agency, Roles.Enterprise, Roles.Regulator, Roles.Admin)]
public sealed record GetContract(Guid Id) : IQuery<ContractView>;

internal sealed class GetContractHandler(IReadDb db, ICaller caller) : IRequestHandler<GetContract, ContractView>
{
    public async Task<ContractView> Handle(GetContract q, CancellationToken ct)
    {
        var contract = await ContractReads.ViewAsync(db, q.Id, ct);
        if (contract.AgencyId == caller.OrganizationId || contract.EnterpriseId == caller.OrganizationId || caller.Covers(contract.RegionCode))
            return contract;
        throw new NotFound("contract", q.Id);
    }
}

internal static class ContractReads
{
    public static async Task<ContractView> ViewAsync(IQueryDb db, Guid id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<ContractRow>(ByIdSql, new { id }, ct) ?? throw new NotFound("contract", id);
        var deliveries = await db.QueryAsync<DeliveryRow>(DeliveriesSql, new { id }, ct);
        return row.ToView(deliveries.Select(d => d.ToView()).ToList());
    }

    public const string Select = """
        select c.id, c.number, c.demand_id, d.number as demand_number, d.title as demand_title, c.bid_id, c.agency_id, a.name_zh as agency_name_zh,
            c.enterprise_id, e.name_zh as enterprise_name_zh, c.domain, c.region_code, c.contract_value, c.volume, c.volume_unit, c.minimum_accuracy,
            c.due_date, c.bid_rank, c.award_reason, c.status, c.status_reason, c.accepted_accuracy, c.on_time, c.awarded_at, c.closed_at, c.row_version
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
        public DateTimeOffset? ClosedAt { get; init; }
        public long RowVersion { get; init; }

        public ContractView ToView(IReadOnlyList<DeliveryView>? deliveries) => new()
        {
            Id = Id, Number = Number, DemandId = DemandId, DemandNumber = DemandNumber, DemandTitle = DemandTitle, BidId = BidId, AgencyId = AgencyId,
            AgencyNameZh = AgencyNameZh, EnterpriseId = EnterpriseId, EnterpriseNameZh = EnterpriseNameZh, Domain = Domain, RegionCode = RegionCode,
            Value = ContractValue, Volume = Volume, VolumeUnit = VolumeUnit, MinimumAccuracy = MinimumAccuracy, DueDate = DueDate, BidRank = BidRank,
            AwardReason = AwardReason, Status = Status, StatusReason = StatusReason, AcceptedAccuracy = AcceptedAccuracy, OnTime = OnTime,
            AwardedAt = AwardedAt, ClosedAt = ClosedAt, RowVersion = RowVersion, Deliveries = deliveries,
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
