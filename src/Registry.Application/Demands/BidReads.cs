using Registry.Application.Common;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

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

    /// <summary>The bid as its state machine (<see cref="BidLifecycle"/>) reads it.</summary>
    public BidState State => new(Id, DemandId, EnterpriseId, Status);

    public BidReceipt ToReceipt() => new(Id, DemandId, EnterpriseId, Price, UnitPrice, DeliveryDate, Accuracy, TeamSize, Status, SubmittedAt);

    public BidView ToView() => new(Id, DemandId, EnterpriseId, EnterpriseNameZh, Price, UnitPrice, DeliveryDate, Accuracy, TeamSize, TechnicalSummary,
        Status, Eligible, IneligibilityReason, SubmittedAt);
}

internal static class BidSql
{
    /// <summary>
    /// Locks an open demand's row until the bid's commit, or finds bidding closed (0 rows): closing locks the same row
    /// before it reads the bids, so a bid is either counted by the closing or refused.
    /// </summary>
    public static readonly Sql HoldOpenDemandSql = new("""
        update demands set status = status where id = @demandId and status = 'open' and bid_deadline > @now
        """);

    private const string Select = """
        select b.id, b.demand_id, b.enterprise_id, o.name_zh as enterprise_name_zh, b.price, b.unit_price, b.delivery_date, b.accuracy, b.team_size,
            b.technical_summary, b.status, b.eligible, b.ineligibility_reason, b.submitted_at
        from bids b join organizations o on o.id = b.enterprise_id
        """;

    public static readonly Sql MineSql = new($"{Select} where b.demand_id = @demandId and b.enterprise_id = @enterpriseId");
    public static readonly Sql LiveSql = new($"{Select} where b.demand_id = @demandId and b.status = 'live' order by b.submitted_at");

    public static readonly Sql NeedsConfirmationSql = new($"{Select} where b.demand_id = @demandId and b.status = 'needs_confirmation' order by b.submitted_at");

    /// <summary>The bids an award decided (won or lost): those an annulled award opens again.</summary>
    public static readonly Sql DecidedSql = new($"{Select} where b.demand_id = @demandId and b.status in ('won', 'lost') order by b.submitted_at");

    /// <summary>The bids opened at closing (eligible or ineligible), oldest first.</summary>
    public static readonly Sql OpenedSql = new($"{Select} where b.demand_id = @demandId and b.status in ('eligible', 'ineligible') order by b.submitted_at");

    /// <summary>The bids still standing: live before closing, opened after it.</summary>
    public static readonly Sql StandingSql = new($"{Select} where b.demand_id = @demandId and b.status in ('live', 'needs_confirmation', 'eligible', 'ineligible') order by b.submitted_at");

    public static readonly Sql StatusSql = new("update bids set status = @status, updated_at = @now where id = @id and status = @from");
    public static readonly Sql AllSql = new($"{Select} where b.demand_id = @demandId order by b.price, b.submitted_at");
}
