using System.Text.Json;
using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Demands;
using Registry.Domain.Enterprises;

namespace Registry.Application.Demands;

/// <summary>
/// The agency amends an open demand's terms (修改) with a reason, as the next numbered amendment: any of the description, the
/// task specification, the volume, the accuracy bar, the budget ceiling, the evaluation method, the due date and the deadline.
/// Every live bid then needs its bidder's confirmation (or a replacement) before the deadline, or it lapses at closing. The
/// deadline is never less than <see cref="BiddingOptions.AmendmentNotice"/> away afterwards: a later amendment moves it out.
/// </summary>
[AllowedFor(Roles.Agency)]
public sealed record AmendDemand(Guid Id, long ExpectedVersion, string Reason, string? Description, string? TaskSpecification, decimal? Volume,
    decimal? MinimumAccuracy, decimal? BudgetCeiling, EvaluationMethod? Evaluation, DateOnly? DueDate, DateTimeOffset? BidDeadline) : ICommand<AmendmentView>;

public sealed class AmendDemandValidator : AbstractValidator<AmendDemand>
{
    public AmendDemandValidator()
    {
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
        RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
        RuleFor(x => x.Description!).NotEmpty().MultilineText(4000).When(x => x.Description is not null);
        RuleFor(x => x.TaskSpecification!).NotEmpty().MultilineText(20000).When(x => x.TaskSpecification is not null);
        RuleFor(x => x.Volume!.Value).GreaterThan(0).LessThan(1_000_000_000_000m).PrecisionScale(18, 2, ignoreTrailingZeros: true)
            .OverridePropertyName("volume").When(x => x.Volume is not null);
        RuleFor(x => x.MinimumAccuracy!.Value).Satisfies(AccuracyRule.Problem).PrecisionScale(6, 4, ignoreTrailingZeros: true)
            .OverridePropertyName("minimumAccuracy").When(x => x.MinimumAccuracy is not null);
        RuleFor(x => x.BudgetCeiling!.Value).GreaterThan(0).LessThan(10_000_000_000m).PrecisionScale(18, 2, ignoreTrailingZeros: true)
            .OverridePropertyName("budgetCeiling").When(x => x.BudgetCeiling is not null);
        RuleFor(x => x.Evaluation!).Satisfies(e => e.Problem()).When(x => x.Evaluation is not null);
        RuleFor(x => x.Evaluation!.Kind).Satisfies(EvaluationMethod.KindProblem).When(x => x.Evaluation is not null);
        RuleFor(x => x).Must(x => x.Description is not null || x.TaskSpecification is not null || x.Volume is not null || x.MinimumAccuracy is not null
                || x.BudgetCeiling is not null || x.Evaluation is not null || x.DueDate is not null || x.BidDeadline is not null)
            .OverridePropertyName("amendment").WithMessage(_ => Texts.Get("validation.amendment_empty"));
    }
}

internal sealed class AmendDemandHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock, IJobScheduler scheduler, BiddingOptions bidding)
    : IRequestHandler<AmendDemand, AmendmentView>
{
    public async Task<AmendmentView> Handle(AmendDemand c, CancellationToken ct)
    {
        var demand = await DemandReads.OwnedAsync(db, caller, c.Id, c.ExpectedVersion, ct);
        var current = await db.QuerySingleOrDefaultAsync<TermsRow>(TermsSql, new { id = c.Id }, ct) ?? throw new NotFound("demand", c.Id);
        var changes = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        void Change<T>(string field, T? before, T? after)
        {
            if (after is not null && !Equals(before, after)) changes[field] = [before, after];
        }
        Change("description", current.Description, c.Description);
        Change("taskSpecification", current.TaskSpecification, c.TaskSpecification);
        Change("volume", demand.Volume, c.Volume);
        Change("minimumAccuracy", demand.MinimumAccuracy, c.MinimumAccuracy);
        Change("budgetCeiling", demand.BudgetCeiling, c.BudgetCeiling);
        Change("evaluation", demand.Evaluation, c.Evaluation);
        Change("dueDate", demand.DueDate, c.DueDate);
        var now = clock.GetUtcNow();
        var number = await db.ScalarAsync<int>(LastNumberSql, new { demandId = c.Id }, ct) + 1;
        var amended = DemandLifecycle.Amend(c.Id, number, c.Reason.Trim(), [.. changes.Keys], demand.Status, demand.BidDeadline, c.BidDeadline?.ToUniversalTime(),
            c.DueDate ?? demand.DueDate, now, bidding.AmendmentNotice);
        var deadline = amended.Event.BidDeadline;
        if (deadline != demand.BidDeadline) changes["bidDeadline"] = [demand.BidDeadline, deadline];
        if (changes.Count == 0) throw ValidationFailed.For("amendment", "Nothing differs from the published terms.");
        amended = amended with { Event = amended.Event with { Changed = [.. changes.Keys] } };

        var evaluation = c.Evaluation ?? demand.Evaluation;
        var written = await db.ExecuteAsync(UpdateSql, new
        {
            demandId = c.Id, description = c.Description ?? current.Description, taskSpecification = c.TaskSpecification ?? current.TaskSpecification,
            volume = c.Volume ?? demand.Volume, minimumAccuracy = c.MinimumAccuracy ?? demand.MinimumAccuracy, budgetCeiling = c.BudgetCeiling ?? demand.BudgetCeiling,
            evaluationMethod = evaluation.Kind, evaluation.PriceWeight, evaluation.TechnicalWeight, evaluation.QualityWeight, dueDate = c.DueDate ?? demand.DueDate,
            deadline, now, version = demand.RowVersion,
        }, ct);
        if (written == 0) throw DemandLifecycle.ClosedForBids("amended");
        if (c.Description is not null) await DemandSearchIndex.WriteAsync(db, c.Id, ct);
        await db.ExecuteAsync(InsertSql, new
        {
            demandId = c.Id, number, reason = amended.Event.Reason, changes = JsonSerializer.Serialize(changes, Ledger.Json), before = demand.BidDeadline,
            after = deadline, now,
        }, ct);
        outbox.Publish(amended.Event);
        // Every standing bid was made on the old terms: each needs its bidder's word again (never counted or shown to the agency).
        foreach (var bid in await db.QueryAsync<BidRow>(BidSql.LiveSql, new { demandId = c.Id }, ct))
            await BidTransitions.ApplyAsync(db, outbox, bid.State, BidLifecycle.RequireConfirmation(bid.State, number), now, ct);
        if (deadline != demand.BidDeadline) scheduler.CloseDemandAt(deadline);
        return (await AmendmentReads.ListAsync(db, c.Id, ct)).Single(a => a.Number == number);
    }

    private sealed record TermsRow
    {
        public string Description { get; init; } = "";
        public string TaskSpecification { get; init; } = "";
    }

    private static readonly Sql TermsSql = new("select description, task_specification from demands where id = @id");
    private static readonly Sql LastNumberSql = new("select coalesce(max(number), 0) from demand_amendments where demand_id = @demandId");

    private static readonly Sql UpdateSql = new($"""
        update demands set description = @description, task_specification = @taskSpecification, volume = @volume, minimum_accuracy = @minimumAccuracy,
            budget_ceiling = @budgetCeiling, evaluation_method = @evaluationMethod, price_weight = @priceWeight, technical_weight = @technicalWeight,
            quality_weight = @qualityWeight, due_date = @dueDate, bid_deadline = @deadline, row_version = row_version + 1, updated_at = @now
        where id = @demandId and row_version = @version and {BiddingGuard.Open}
        """);

    private static readonly Sql InsertSql = new("""
        insert into demand_amendments (demand_id, number, reason, changes, deadline_before, deadline_after, published_at)
        values (@demandId, @number, @reason, @changes, @before, @after, @now)
        """);
}
