using FluentValidation;
using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

public sealed record BidReceipt(Guid BidId, Guid DemandId, Guid EnterpriseId, decimal Price, decimal UnitPrice, DateOnly DeliveryDate,
    decimal Accuracy, int TeamSize, string Status, DateTimeOffset SubmittedAt);

/// <summary>An eligible enterprise bids on an open demand, or replaces its bid; sealed until the deadline.</summary>
[AllowedFor(Roles.Enterprise)]
public sealed record SubmitBid(Guid DemandId, decimal Price, DateOnly DeliveryDate, decimal Accuracy, int TeamSize, string TechnicalSummary)
    : ICommand<BidReceipt>;

public sealed class SubmitBidValidator : AbstractValidator<SubmitBid>
{
    public SubmitBidValidator()
    {
        RuleFor(x => x.Price).GreaterThan(0).LessThan(10_000_000_000m).PrecisionScale(18, 2, ignoreTrailingZeros: true);
        RuleFor(x => x.Accuracy).InclusiveBetween(0m, 1m).PrecisionScale(6, 4, ignoreTrailingZeros: true);
        RuleFor(x => x.TeamSize).InclusiveBetween(1, 100_000);
        RuleFor(x => x.TechnicalSummary).NotEmpty().MultilineText(4000);
    }
}

internal sealed class SubmitBidHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<SubmitBid, BidReceipt>
{
    public async Task<BidReceipt> Handle(SubmitBid bid, CancellationToken ct)
    {
        var enterpriseId = caller.RequireOrganization();
        var demand = await DemandReads.FindAsync(db, bid.DemandId, ct);
        if (demand is null || demand.Status == DemandStatus.Draft) throw new NotFound("demand", bid.DemandId);
        var now = clock.GetUtcNow();
        if (!DemandLifecycle.AcceptsBids(demand.Status, demand.BidDeadline, now))
            throw new BusinessRuleException("bidding_closed", "Bidding on this demand is closed.");

        var figures = BidRules.Problems(bid.Price, demand.BudgetCeiling, bid.DeliveryDate, demand.DueDate, bid.Accuracy, demand.MinimumAccuracy, bid.TeamSize, now);
        if (figures.Count > 0) throw new ValidationFailed(figures.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        var eligibility = BidEligibility.Problems(Requirements(demand), await Standing.OfAsync(db, enterpriseId, ct));
        if (eligibility.Count > 0)
            throw new RuleViolation(eligibility[0].Code, "The enterprise may not bid: " + string.Join(" ", eligibility.Select(p => p.Message)));

        var row = new
        {
            id = Guid.CreateVersion7(), demandId = bid.DemandId, enterpriseId, bid.Price, unitPrice = BidRules.UnitPrice(bid.Price, demand.Volume),
            bid.DeliveryDate, bid.Accuracy, bid.TeamSize, technicalSummary = bid.TechnicalSummary, now,
        };
        // The deadline is checked again inside the write, against the stored deadline: a late closing job cannot let a bid through.
        var written = await db.ExecuteAsync(ReplaceSql, row, ct);
        if (written == 0) written = await db.ExecuteAsync(InsertSql, row, ct);
        if (written == 0) throw new BusinessRuleException("bidding_closed", "Bidding on this demand is closed.");
        var stored = (await db.QuerySingleOrDefaultAsync<BidRow>(BidSql.MineSql, new { bid.DemandId, enterpriseId }, ct))!;
        outbox.Publish(new OutboxEvent("bid.submitted", "bid", stored.Id.ToString(), new { stored.Id, bid.DemandId, enterpriseId }));
        return stored.ToReceipt();
    }

    internal static DemandRequirements Requirements(DemandView d) => new(d.RequiredGrade, d.SecurityLevel, d.Modality, d.TaskTypes);

    private static readonly Sql ReplaceSql = new("""
        update bids set price = @price, unit_price = @unitPrice, delivery_date = @deliveryDate, accuracy = @accuracy, team_size = @teamSize,
            technical_summary = @technicalSummary, status = 'live', eligible = null, ineligibility_reason = null, submitted_at = @now, updated_at = @now
        where demand_id = @demandId and enterprise_id = @enterpriseId
          and exists (select 1 from demands d where d.id = @demandId and d.status = 'open' and d.bid_deadline > @now)
        """);

    private static readonly Sql InsertSql = new("""
        insert into bids (id, demand_id, enterprise_id, price, unit_price, delivery_date, accuracy, team_size, technical_summary, status,
            eligible, ineligibility_reason, submitted_at, updated_at)
        select @id, d.id, @enterpriseId, @price, @unitPrice, @deliveryDate, @accuracy, @teamSize, @technicalSummary, 'live', null, null, @now, @now
        from demands d
        where d.id = @demandId and d.status = 'open' and d.bid_deadline > @now
          and not exists (select 1 from bids b where b.demand_id = @demandId and b.enterprise_id = @enterpriseId)
        """);
}

/// <summary>The enterprise withdraws its bid before the deadline.</summary>
[AllowedFor(Roles.Enterprise)]
public sealed record WithdrawBid(Guid DemandId) : ICommand<BidReceipt>;

internal sealed class WithdrawBidHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<WithdrawBid, BidReceipt>
{
    public async Task<BidReceipt> Handle(WithdrawBid c, CancellationToken ct)
    {
        var enterpriseId = caller.RequireOrganization();
        var mine = await db.QuerySingleOrDefaultAsync<BidRow>(BidSql.MineSql, new { c.DemandId, enterpriseId }, ct);
        if (mine is null || mine.Status != "live") throw new NotFound("bid", c.DemandId);
        var written = await db.ExecuteAsync(WithdrawSql, new { c.DemandId, enterpriseId, now = clock.GetUtcNow() }, ct);
        if (written == 0) throw new BusinessRuleException("bidding_closed", "Bidding on this demand is closed; the bid stands.");
        outbox.Publish(new OutboxEvent("bid.withdrawn", "bid", mine.Id.ToString(), new { mine.Id, c.DemandId, enterpriseId }));
        return (await db.QuerySingleOrDefaultAsync<BidRow>(BidSql.MineSql, new { c.DemandId, enterpriseId }, ct))!.ToReceipt();
    }

    private static readonly Sql WithdrawSql = new("""
        update bids set status = 'withdrawn', updated_at = @now
        where demand_id = @demandId and enterprise_id = @enterpriseId and status = 'live'
          and exists (select 1 from demands d where d.id = @demandId and d.status = 'open' and d.bid_deadline > @now)
        """);
}

/// <summary>Closes every open demand whose deadline has passed; eligibility is checked again and the reasons stored. Safe to run twice.</summary>
[AllowedFor(Roles.Admin)]
public sealed record CloseDueDemands : ICommand<int>;

internal sealed class CloseDueDemandsHandler(IWriteDb db, IOutbox outbox, TimeProvider clock) : IRequestHandler<CloseDueDemands, int>
{
    public async Task<int> Handle(CloseDueDemands c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.QueryAsync<Guid>(DueSql, new { now }, ct);
        foreach (var id in due)
        {
            var demand = (await DemandReads.FindAsync(db, id, ct))!;
            var eligible = new List<BidPatterns.ClosedBid>();
            foreach (var bid in await db.QueryAsync<BidRow>(BidSql.LiveSql, new { demandId = id }, ct))
            {
                var problems = BidEligibility.Problems(SubmitBidHandler.Requirements(demand), await Standing.OfAsync(db, bid.EnterpriseId, ct));
                await db.ExecuteAsync(EligibilitySql, new
                {
                    bid.Id, eligible = problems.Count == 0, reason = problems.Count == 0 ? null : string.Join(" ", problems.Select(p => p.Message)),
                }, ct);
                if (problems.Count == 0) eligible.Add(new BidPatterns.ClosedBid(bid.Id, bid.EnterpriseNameZh, bid.Price));
            }
            var status = DemandLifecycle.Close(demand.Status, eligible.Count, demand.MinimumEligibleBids);
            var reason = status == DemandStatus.Unsuccessful ? $"Bidding closed with {eligible.Count} eligible bid(s); {demand.MinimumEligibleBids} required." : null;
            await db.ExecuteAsync(CloseSql, new { id, status, reason, now }, ct);
            if (status == DemandStatus.Evaluating)
                foreach (var (type, key, message) in BidPatterns.Warnings(eligible, demand.BudgetCeiling))
                    await RiskAlerts.RaiseAsync(db, outbox, type, $"{type}:{id}:{key}", demand.RegionCode, "demand", id.ToString(),
                        $"Demand {demand.Number} ({demand.Title}): {message}", now, ct);
            outbox.Publish(new OutboxEvent("demand.closed", "demand", id.ToString(), new { id, status, eligible = eligible.Count }));
        }
        return due.Count;
    }

    private static readonly Sql DueSql = new("select id from demands where status = 'open' and bid_deadline <= @now order by bid_deadline");
    private static readonly Sql EligibilitySql = new("update bids set eligible = @eligible, ineligibility_reason = @reason where id = @id");
    private static readonly Sql CloseSql = new("""
        update demands set status = @status, status_reason = @reason, closed_at = @now, row_version = row_version + 1, updated_at = @now
        where id = @id and status = 'open'
        """);
}

/// <summary>What eligibility needs to know about an enterprise, read from the registry.</summary>
internal static class Standing
{
    public static async Task<SupplierStanding> OfAsync(IQueryDb db, Guid enterpriseId, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(DirectorySql, new { enterpriseId }, ct);
        var capabilities = (await db.QueryAsync<Capability>(CapabilitiesSql, new { enterpriseId }, ct)).Select(c => (c.Modality, c.TaskType)).ToList();
        return new SupplierStanding(row?.CertificateStatus, row?.CertificateGrade, row?.MlpsLevel ?? 0, capabilities, Excluded: false);
    }

    private sealed class Row
    {
        public string? CertificateStatus { get; init; }
        public int? CertificateGrade { get; init; }
        public int MlpsLevel { get; init; }
    }

    private sealed class Capability
    {
        public string Modality { get; init; } = "";
        public string TaskType { get; init; } = "";
    }

    private static readonly Sql DirectorySql = new("""
        select certificate_status, certificate_grade, mlps_level from enterprise_directory where enterprise_id = @enterpriseId
        """);

    private static readonly Sql CapabilitiesSql = new("select modality, task_type from enterprise_capabilities where enterprise_id = @enterpriseId");
}

internal sealed class BidRow
{
    public Guid Id { get; init; }
    public Guid DemandId { get; init; }
    public Guid EnterpriseId { get; init; }
    public string EnterpriseNameZh { get; init; } = "";
    public decimal Price { get; init; }
    public decimal UnitPrice { get; init; }
    public DateOnly DeliveryDate { get; init; }
    public decimal Accuracy { get; init; }
    public int TeamSize { get; init; }
    public string TechnicalSummary { get; init; } = "";
    public string Status { get; init; } = "";
    public bool? Eligible { get; init; }
    public string? IneligibilityReason { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }

    public BidReceipt ToReceipt() => new(Id, DemandId, EnterpriseId, Price, UnitPrice, DeliveryDate, Accuracy, TeamSize, Status, SubmittedAt);

    public BidView ToView() => new(Id, DemandId, EnterpriseId, EnterpriseNameZh, Price, UnitPrice, DeliveryDate, Accuracy, TeamSize, TechnicalSummary,
        Status, Eligible, IneligibilityReason, SubmittedAt);
}

internal static class BidSql
{
    private const string Select = """
        select b.id, b.demand_id, b.enterprise_id, o.name_zh as enterprise_name_zh, b.price, b.unit_price, b.delivery_date, b.accuracy, b.team_size,
            b.technical_summary, b.status, b.eligible, b.ineligibility_reason, b.submitted_at
        from bids b join organizations o on o.id = b.enterprise_id
        """;

    public static readonly Sql MineSql = new($"{Select} where b.demand_id = @demandId and b.enterprise_id = @enterpriseId");
    public static readonly Sql LiveSql = new($"{Select} where b.demand_id = @demandId and b.status = 'live' order by b.submitted_at");
    public static readonly Sql AllSql = new($"{Select} where b.demand_id = @demandId order by b.price, b.submitted_at");
}

/// <summary>A bid as those entitled see it.</summary>
public sealed record BidView(Guid Id, Guid DemandId, Guid EnterpriseId, string EnterpriseNameZh, decimal Price, decimal UnitPrice, DateOnly DeliveryDate,
    decimal Accuracy, int TeamSize, string TechnicalSummary, string Status, bool? Eligible, string? IneligibilityReason, DateTimeOffset SubmittedAt);

/// <summary>
/// A demand's bids, sealed: before the deadline a bidder sees only its own bid and the agency and regulators nothing, not even
/// how many there are (403 here); after it the agency and the regulators of the demand's region see all, each bidder still only its own.
/// </summary>
[AllowedFor(Roles.Agency, Roles.Regulator, Roles.Enterprise, Roles.Admin)]
public sealed record ListDemandBids(Guid DemandId) : IQuery<IReadOnlyList<BidView>>;

internal sealed class ListDemandBidsHandler(IReadDb db, ICaller caller, TimeProvider clock) : IRequestHandler<ListDemandBids, IReadOnlyList<BidView>>
{
    public async Task<IReadOnlyList<BidView>> Handle(ListDemandBids q, CancellationToken ct)
    {
        var demand = await DemandReads.FindAsync(db, q.DemandId, ct);
        var isAgency = demand is not null && demand.AgencyId == caller.OrganizationId;
        if (demand is null || (demand.Status == DemandStatus.Draft && !isAgency)) throw new NotFound("demand", q.DemandId);
        if (caller.Role == Roles.Enterprise)
        {
            var mine = await db.QuerySingleOrDefaultAsync<BidRow>(BidSql.MineSql, new { q.DemandId, enterpriseId = caller.OrganizationId }, ct);
            return mine is null ? [] : [mine.ToView()];
        }
        var entitled = isAgency || caller.Covers(demand.RegionCode);
        if (!entitled) throw new NotFound("demand", q.DemandId);
        if (clock.GetUtcNow() < demand.BidDeadline)
            throw new Forbidden($"Bids are sealed until the deadline {demand.BidDeadline.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
        return (await db.QueryAsync<BidRow>(BidSql.AllSql, new { q.DemandId }, ct)).Select(b => b.ToView()).ToList();
    }
}
