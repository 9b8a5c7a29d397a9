using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Demands;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Application.Challenges;

/// <summary>
/// An enterprise challenges (质疑) a demand's terms while bidding is open, or its result during the publicity period after the
/// award if its bid was opened. A terms challenge needs no bid and says nothing of one, so the agency, which sees the
/// challenger's name, learns nothing about who bid; nobody else sees a challenge.
/// </summary>
[AllowedFor(Roles.Enterprise)]
public sealed record FileChallenge(Guid DemandId, string Kind, string Grounds, string? Evidence) : ICommand<ChallengeView>
{
    /// <summary>Unanswered challenges one enterprise may have on one demand at a time.</summary>
    public const int MaxOpenPerEnterprise = 5;
}

public sealed class FileChallengeValidator : AbstractValidator<FileChallenge>
{
    public FileChallengeValidator()
    {
        RuleFor(x => x.Kind).NotEmpty().Must(k => ChallengeKind.All.Contains(k)).WithMessage(_ => Texts.Format("validation.one_of", "kind", string.Join(", ", ChallengeKind.All)));
        RuleFor(x => x.Grounds).NotEmpty().MultilineText(4000);
        RuleFor(x => x.Evidence!).MultilineText(4000).When(x => x.Evidence is not null);
    }
}

internal sealed class FileChallengeHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock, BiddingOptions bidding)
    : IRequestHandler<FileChallenge, ChallengeView>
{
    public async Task<ChallengeView> Handle(FileChallenge c, CancellationToken ct)
    {
        var enterpriseId = caller.RequireOrganization();
        var demand = await DemandReads.SnapshotAsync(db, c.DemandId, ct) ?? throw new NotFound("demand", c.DemandId);
        caller.RequireSeen(DemandReads.Item(demand), "demand", c.DemandId);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        var filed = c.Kind == ChallengeKind.Terms
            ? ChallengeLifecycle.FileTerms(id, c.DemandId, enterpriseId, demand.Status, demand.BidDeadline, now)
            : ChallengeLifecycle.FileResult(id, c.DemandId, enterpriseId, await db.ScalarAsync<DateTimeOffset?>(AwardedAtSql, new { c.DemandId }, ct),
                await db.ScalarAsync<int>(OpenedBidSql, new { c.DemandId, enterpriseId }, ct) > 0, now, bidding.PublicityPeriod);
        if (await db.ScalarAsync<int>(OpenCountSql, new { c.DemandId, enterpriseId, status = ChallengeStatus.Filed }, ct) >= FileChallenge.MaxOpenPerEnterprise)
            throw new BusinessRuleException("too_many_challenges",
                $"Your enterprise already has {FileChallenge.MaxOpenPerEnterprise} unanswered challenges on this demand; wait for the answers.", FileChallenge.MaxOpenPerEnterprise);
        var evidence = string.IsNullOrWhiteSpace(c.Evidence) ? null : c.Evidence;
        var answerDue = ChallengeLifecycle.AnswerDue(now, bidding.ChallengeAnswerPeriod);
        var insert = c.Kind == ChallengeKind.Terms ? InsertWhileOpenSql : InsertSql;
        if (await db.ExecuteAsync(insert, new { id, c.DemandId, enterpriseId, c.Kind, c.Grounds, evidence, filed.Status, now, answerDue }, ct) == 0)
            throw DemandLifecycle.ClosedForBids("challenged");
        outbox.Publish(filed.Event);
        return (await ChallengeReads.FindAsync(db, id, ct)).View(now, bidding.ComplaintPeriod);
    }

    private static readonly Sql AwardedAtSql = new("select awarded_at from contracts where demand_id = @demandId and status <> 'annulled'");

    private static readonly Sql OpenedBidSql = new("""
        select count(*) from bids where demand_id = @demandId and enterprise_id = @enterpriseId and eligible is not null
        """);

    private static readonly Sql OpenCountSql = new("""
        select count(*) from demand_challenges where demand_id = @demandId and enterprise_id = @enterpriseId and status = @status
        """);

    private const string Columns = "insert into demand_challenges (id, demand_id, enterprise_id, kind, grounds, evidence, status, filed_at, answer_due, answer, upheld, answered_at)";

    private static readonly Sql InsertSql = new($"""
        {Columns}
        values (@id, @demandId, @enterpriseId, @kind, @grounds, @evidence, @status, @now, @answerDue, null, null, null)
        """);

    // The deadline decides at the write for a terms challenge, as for bids.
    private static readonly Sql InsertWhileOpenSql = new($"""
        {Columns}
        select @id, @demandId, @enterpriseId, @kind, @grounds, @evidence, @status, @now, @answerDue, null, null, null
        where exists (select 1 from demands g where g.id = @demandId and g.status = 'open' and g.bid_deadline > @now)
        """);
}
