using System.Globalization;
using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Application.Matching;
using Registry.Application.Ocds;
using Registry.Domain.Demands;
using Registry.Domain.Matching;
using Registry.Domain.Time;

namespace Registry.Application.Demands;

/// <summary>
/// The agency publishes its draft demand: bidding opens until the deadline; a number and an OCDS ocid are assigned. When fewer
/// registered suppliers are eligible than the demand's minimum of eligible bids, the answer carries a warning
/// (<c>few_eligible_suppliers</c>): bidding is likely to end unsuccessful unless the terms change.
/// </summary>
[AllowedFor(Roles.Agency)]
public sealed record PublishDemand(Guid Id, long ExpectedVersion) : ICommand<DemandView>;

public sealed class PublishDemandValidator : AbstractValidator<PublishDemand>
{
    public PublishDemandValidator() => RuleFor(x => x.ExpectedVersion).IfMatchVersion();
}

internal sealed class PublishDemandHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock, BiddingOptions bidding,
    IJobScheduler scheduler, MatchingIndex matching, MatchingFeed feed, OcdsOptions ocds) : IRequestHandler<PublishDemand, DemandView>
{
    public async Task<DemandView> Handle(PublishDemand c, CancellationToken ct)
    {
        // Before this command reads or writes anything: the feed reads on its own connection.
        await feed.CatchUpAsync(ct);
        var demand = await DemandReads.OwnedAsync(db, caller, c.Id, c.ExpectedVersion, ct);
        var now = clock.GetUtcNow();
        var prefix = FormattableString.Invariant($"XQ-{ChinaTime.Today(clock).Year}-");
        var number = prefix + (await db.ScalarAsync<long>(PublishedCountSql, new { pattern = prefix + "%" }, ct) + 1).ToString("000000", CultureInfo.InvariantCulture);
        var published = DemandLifecycle.Publish(c.Id, number, demand.Status, demand.BidDeadline, demand.DueDate, now, bidding.MinimumWindow, demand.SecurityLevel);
        var problems = await DemandReferences.ProblemsAsync(db, demand.AgencyId, demand.RegionCode, demand.PreferredBaseId, demand.CatalogEntryId, ct);
        if (problems.Count > 0)
            throw new BusinessRuleException("demand_references_invalid", string.Join(" ", problems.Values.SelectMany(m => m)) + " Cancel this draft and file a new one.");
        if (await db.ExecuteAsync(PublishSql, new { c.Id, published.Status, number, ocid = ocds.Ocid(number), now, version = demand.RowVersion }, ct) == 0)
            throw new PreconditionFailed("The demand changed while it was being published. Read it again.");
        await DemandSearchIndex.WriteAsync(db, c.Id, ct);
        outbox.Publish(published.Event);
        scheduler.CloseDemandAt(demand.BidDeadline);
        var (eligible, _) = matching.Read(i => i.Top(MatchDemand.Of(demand), 1, ChinaTime.Today(clock)).EligibleCount);
        var view = await DemandReads.ViewAsync(db, c.Id, ct);
        return eligible >= demand.MinimumEligibleBids ? view : view with
        {
            Warnings = [new DemandWarning("few_eligible_suppliers", FormattableString.Invariant(
                $"{eligible} registered supplier{(eligible == 1 ? " is" : "s are")} eligible for this demand, fewer than the {demand.MinimumEligibleBids} eligible bids it needs: bidding may end unsuccessful. GET /api/v1/demands/{c.Id}/matches shows who misses by one rule."))],
        };
    }

    // Two publications may count alike: the unique index on number refuses the second, which runs again.
    private static readonly Sql PublishedCountSql = new("select count(*) from demands where number like @pattern");
    private static readonly Sql PublishSql = new("""
        update demands set status = @status, number = @number, ocid = @ocid, published_at = @now, row_version = row_version + 1, updated_at = @now
        where id = @id and row_version = @version
        """);
}
