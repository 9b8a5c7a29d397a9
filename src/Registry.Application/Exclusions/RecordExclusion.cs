using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Exclusions;
using Registry.Domain.Time;

namespace Registry.Application.Exclusions;

/// <summary>
/// A regulator whose jurisdiction covers the enterprise's region (the national regulator: every enterprise) records an
/// exclusion from bidding: its type, reason, legal basis, source and period of China dates (no end date: until lifted).
/// </summary>
[AllowedFor(Roles.Regulator)]
public sealed record RecordExclusion(Guid EnterpriseId, string Type, string Source, string Reason, string LegalBasis, DateOnly? StartDate,
    DateOnly? EndDate) : ICommand<ExclusionView>;

public sealed class RecordExclusionValidator : AbstractValidator<RecordExclusion>
{
    public RecordExclusionValidator()
    {
        RuleFor(x => x.EnterpriseId).NotEmpty();
        RuleFor(x => x.Type).NotEmpty().Must(ExclusionTypes.IsKnown).WithMessage(_ => Texts.Format("validation.one_of", "type", string.Join(", ", ExclusionTypes.All)));
        RuleFor(x => x.Source).NotEmpty().Must(ExclusionSources.IsKnown).WithMessage(_ => Texts.Format("validation.one_of", "source", string.Join(", ", ExclusionSources.All)));
        RuleFor(x => x.Reason).NotEmpty().MultilineText(ExclusionLifecycle.ReasonLength);
        RuleFor(x => x.LegalBasis).NotEmpty().PlainText(ExclusionLifecycle.LegalBasisLength);
        RuleFor(x => x.StartDate).NotNull();
        RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.StartDate).When(x => x.StartDate is not null && x.EndDate is not null)
            .WithMessage(_ => Texts.Get("validation.end_before_start"));
    }
}

internal sealed class RecordExclusionHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<RecordExclusion, ExclusionView>
{
    public async Task<ExclusionView> Handle(RecordExclusion c, CancellationToken ct)
    {
        var region = await db.QuerySingleOrDefaultAsync<string>(EnterpriseSql, new { id = c.EnterpriseId }, ct)
            ?? throw new NotFound("enterprise", c.EnterpriseId);
        caller.Require(VisibleItem.Enterprise(c.EnterpriseId, region), Act.AsSupervisor, "enterprise", c.EnterpriseId,
            "Only the regulators whose jurisdiction covers the enterprise's region record its exclusions.");
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var id = Guid.CreateVersion7();
        var recorded = ExclusionLifecycle.Record(new ExclusionTerms(id, c.EnterpriseId, c.Type, c.Source, c.Reason, c.LegalBasis,
            new ExclusionPeriod(c.StartDate!.Value, c.EndDate)), today);
        await db.ExecuteAsync(InsertSql, new
        {
            id, c.EnterpriseId, c.Type, c.Source, reason = c.Reason.Trim(), legalBasis = recorded.Event.LegalBasis, startDate = c.StartDate.Value, c.EndDate,
            recordedBy = caller.RequireOrganization(), now,
        }, ct);
        outbox.Publish(recorded.Event);
        return await ExclusionReads.ByIdAsync(db, id, today, ct);
    }

    private static readonly Sql EnterpriseSql = new("select region_code from organizations where id = @id and kind = 'enterprise'");

    private static readonly Sql InsertSql = new("""
        insert into exclusions (id, enterprise_id, type, source, reason, legal_basis, start_date, end_date, recorded_by, recorded_at, row_version)
        values (@id, @enterpriseId, @type, @source, @reason, @legalBasis, @startDate, @endDate, @recordedBy, @now, 1)
        """);
}
