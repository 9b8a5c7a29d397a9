using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Common.Behaviors;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Alerts;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>
/// An eligible enterprise bids on an open demand, or replaces its bid; sealed until the deadline. A bid refused because the
/// enterprise's grade or clearance is too low is counted (<see cref="RecordRefusedBid"/>) for the <c>bid_above_standing</c> alert.
/// </summary>
[AllowedFor(Roles.Enterprise)]
public sealed record SubmitBid(Guid DemandId, decimal Price, DateOnly DeliveryDate, decimal Accuracy, int TeamSize, string TechnicalSummary)
    : ICommand<BidReceipt>, IRecordsRefusal
{
    public ICommand<int>? RefusalRecord(BusinessRuleException refusal) =>
        BidAboveStanding.Counts(refusal.Code) ? new RecordRefusedBid(DemandId) : null;
}

public sealed class SubmitBidValidator : AbstractValidator<SubmitBid>
{
    public SubmitBidValidator()
    {
        // The figures' own rules come from the domain (BidRules); only storage limits are stated here.
        RuleFor(x => x.Price).Satisfies(BidRules.PriceProblem).LessThan(10_000_000_000m).PrecisionScale(18, 2, ignoreTrailingZeros: true);
        RuleFor(x => x.Accuracy).Satisfies(AccuracyRule.Problem).PrecisionScale(6, 4, ignoreTrailingZeros: true);
        RuleFor(x => x.TeamSize).Satisfies(BidRules.TeamSizeProblem);
        RuleFor(x => x.TechnicalSummary).NotEmpty().MultilineText(4000);
    }
}

internal sealed class SubmitBidHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<SubmitBid, BidReceipt>
{
    public async Task<BidReceipt> Handle(SubmitBid bid, CancellationToken ct)
    {
        var enterpriseId = caller.RequireOrganization();
        var demand = await DemandReads.SnapshotAsync(db, bid.DemandId, ct) ?? throw new NotFound("demand", bid.DemandId);
        caller.RequireSeen(DemandReads.Item(demand), "demand", bid.DemandId);
        var now = clock.GetUtcNow();
        var current = await db.QuerySingleOrDefaultAsync<BidRow>(BidSql.MineSql, new { bid.DemandId, enterpriseId }, ct);
        var submitted = BidLifecycle.Submit(current?.State, Guid.CreateVersion7(), bid.DemandId, enterpriseId,
            DemandLifecycle.AcceptsBids(demand.Status, demand.BidDeadline, now));

        var figures = BidRules.Problems(bid.Price, demand.BudgetCeiling, bid.DeliveryDate, demand.DueDate, bid.Accuracy, demand.MinimumAccuracy, bid.TeamSize, now);
        if (figures.Count > 0) throw new ValidationFailed(figures.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => Texts.Of(p.Problem)).ToArray()));
        var eligibility = await EligibilityReads.ProblemsAsync(db, demand, enterpriseId, clock, ct);
        if (eligibility.Count > 0)
            throw new BusinessRuleException(eligibility[0].Code, "The enterprise may not bid: " + string.Join(" ", eligibility.Select(p => p.Message)));

        if (await db.ExecuteAsync(BidSql.HoldOpenDemandSql, new { bid.DemandId, now }, ct) == 0)
            throw new BusinessRuleException("bidding_closed", "Bidding on this demand is closed.");
        // The demand's row is held now: the bid's time is read again, however long it waited for the row.
        now = clock.GetUtcNow();
        var row = new
        {
            id = submitted.Event.BidId, status = submitted.Status, demandId = bid.DemandId, enterpriseId, bid.Price, unitPrice = BidRules.UnitPrice(bid.Price, demand.Volume),
            bid.DeliveryDate, bid.Accuracy, bid.TeamSize, technicalSummary = bid.TechnicalSummary, now,
        };
        // Both writes re-check that bidding is open (BiddingGuard): a late closing job cannot let a bid through.
        var written = await db.ExecuteAsync(ReplaceSql, row, ct);
        if (written == 0) written = await db.ExecuteAsync(InsertSql, row, ct);
        if (written == 0) throw new BusinessRuleException("bidding_closed", "Bidding on this demand is closed.");
        var stored = (await db.QuerySingleOrDefaultAsync<BidRow>(BidSql.MineSql, new { bid.DemandId, enterpriseId }, ct))!;
        // A racing request of the same enterprise may have created the row after it was read: this bid replaced that one.
        outbox.Publish(submitted.Event with { BidId = stored.Id });
        return stored.ToReceipt();
    }

    private static readonly Sql ReplaceSql = new($"""
        update bids set price = @price, unit_price = @unitPrice, delivery_date = @deliveryDate, accuracy = @accuracy, team_size = @teamSize,
            technical_summary = @technicalSummary, status = @status, eligible = null, ineligibility_reason = null, submitted_at = @now, updated_at = @now
        where demand_id = @demandId and enterprise_id = @enterpriseId
          and {BiddingGuard.Open}
        """);

    private static readonly Sql InsertSql = new($"""
        insert into bids (id, demand_id, enterprise_id, price, unit_price, delivery_date, accuracy, team_size, technical_summary, status,
            eligible, ineligibility_reason, submitted_at, updated_at)
        select @id, d.id, @enterpriseId, @price, @unitPrice, @deliveryDate, @accuracy, @teamSize, @technicalSummary, @status, null, null, @now, @now
        from demands d
        where d.id = @demandId and {BiddingGuard.Open}
          and not exists (select 1 from bids b where b.demand_id = @demandId and b.enterprise_id = @enterpriseId)
        """);
}
