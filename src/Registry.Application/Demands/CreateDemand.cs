using System.Text.Json;
using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Demands;

/// <summary>An agency drafts a labeling demand.</summary>
[AllowedFor(Roles.Agency)]
public sealed record CreateDemand(string Title, string Description, string TaskSpecification, IReadOnlyList<string> PositiveExamples,
    IReadOnlyList<string> NegativeExamples, string Domain, string Modality, IReadOnlyList<string> TaskTypes, decimal Volume, string VolumeUnit,
    decimal MinimumAccuracy, decimal BudgetCeiling, int RequiredGrade, string SecurityLevel, string RegionCode, Guid? PreferredBaseId,
    Guid? CatalogEntryId, EvaluationMethod Evaluation, DateTimeOffset BidDeadline, DateOnly DueDate, int MinimumEligibleBids = 1)
    : ICommand<DemandView>;

public sealed class CreateDemandValidator : AbstractValidator<CreateDemand>
{
    public const int MaxExamples = 50;
    public const int MaxExampleLength = 1000;

    public CreateDemandValidator(RegionDirectory regions)
    {
        RuleFor(x => x.Title).NotEmpty().Name();
        RuleFor(x => x.Description).NotEmpty().MultilineText(4000);
        RuleFor(x => x.TaskSpecification).NotEmpty().MultilineText(20000);
        RuleFor(x => x.PositiveExamples).NotNull().MaxCount(MaxExamples);
        RuleForEach(x => x.PositiveExamples).NotEmpty().MultilineText(MaxExampleLength);
        RuleFor(x => x.NegativeExamples).NotNull().MaxCount(MaxExamples);
        RuleForEach(x => x.NegativeExamples).NotEmpty().MultilineText(MaxExampleLength);
        RuleFor(x => x.Domain).Must(IndustryDomains.IsKnown).WithMessage(_ => Texts.Get("validation.unknown_domain"));
        RuleFor(x => x.Modality).Must(Modalities.IsKnown).WithMessage(_ => Texts.Get("validation.unknown_modality"));
        RuleFor(x => x.TaskTypes).NotEmpty().MaxCount(TaskTypes.All.Count);
        RuleForEach(x => x.TaskTypes).Must(TaskTypes.IsKnown).WithMessage(_ => Texts.Get("validation.unknown_task_type_value"));
        RuleFor(x => x.Volume).GreaterThan(0).LessThan(1_000_000_000_000m).PrecisionScale(18, 2, ignoreTrailingZeros: true);
        RuleFor(x => x.VolumeUnit).Must(Catalog.CatalogUnits.VolumeUnits.Contains).WithMessage(_ => Texts.Format("validation.one_of", "volumeUnit", string.Join(", ", Catalog.CatalogUnits.VolumeUnits)));
        RuleFor(x => x.MinimumAccuracy).Satisfies(AccuracyRule.Problem).PrecisionScale(6, 4, ignoreTrailingZeros: true);
        RuleFor(x => x.BudgetCeiling).GreaterThan(0).LessThan(10_000_000_000m).PrecisionScale(18, 2, ignoreTrailingZeros: true);
        RuleFor(x => x.RequiredGrade).InclusiveBetween(GradingRule.MinGrade, GradingRule.MaxGrade);
        RuleFor(x => x.SecurityLevel).Must(DataSecurityLevels.IsKnown).WithMessage(_ => Texts.Get("validation.security_level"));
        RuleFor(x => x.RegionCode).KnownProvinceOrCity(regions);
        RuleFor(x => x.Evaluation).NotNull().Satisfies(e => e?.Problem());
        RuleFor(x => x.Evaluation.Kind).Satisfies(EvaluationMethod.KindProblem).When(x => x.Evaluation is not null);
        RuleFor(x => x.MinimumEligibleBids).InclusiveBetween(1, 20);
    }
}

internal sealed class CreateDemandHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<CreateDemand, DemandView>
{
    public async Task<DemandView> Handle(CreateDemand c, CancellationToken ct)
    {
        var agencyId = caller.RequireOrganization();
        var problems = await DemandReferences.ProblemsAsync(db, agencyId, c.RegionCode, c.PreferredBaseId, c.CatalogEntryId, ct);
        if (problems.Count > 0) throw new ValidationFailed(problems);
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(InsertSql, new
        {
            id, agencyId, c.CatalogEntryId, c.Title, c.Description, c.TaskSpecification,
            positiveExamples = JsonSerializer.Serialize(c.PositiveExamples), negativeExamples = JsonSerializer.Serialize(c.NegativeExamples),
            c.Domain, c.Modality, taskTypes = "," + string.Join(',', c.TaskTypes.Distinct()) + ",", c.Volume, c.VolumeUnit, c.MinimumAccuracy,
            c.BudgetCeiling, c.RequiredGrade, c.SecurityLevel, c.RegionCode, c.PreferredBaseId, evaluationMethod = c.Evaluation.Kind,
            priceWeight = c.Evaluation.PriceWeight, technicalWeight = c.Evaluation.TechnicalWeight, qualityWeight = c.Evaluation.QualityWeight,
            bidDeadline = c.BidDeadline.ToUniversalTime(), c.DueDate, c.MinimumEligibleBids, status = DemandStatus.Draft, now,
        }, ct);
        outbox.Publish(new DemandCreated(id, agencyId, c.Title));
        return await DemandReads.ViewAsync(db, id, ct);
    }

    private static readonly Sql InsertSql = new("""
        insert into demands (id, agency_id, catalog_entry_id, number, ocid, title, description, task_specification, positive_examples,
            negative_examples, domain, modality, task_types, volume, volume_unit, minimum_accuracy, budget_ceiling, required_grade, security_level,
            region_code, preferred_base_id, evaluation_method, price_weight, technical_weight, quality_weight, bid_deadline, due_date,
            minimum_eligible_bids, status, status_reason, published_at, closed_at, row_version, created_at, updated_at)
        values (@id, @agencyId, @catalogEntryId, null, null, @title, @description, @taskSpecification, @positiveExamples, @negativeExamples,
            @domain, @modality, @taskTypes, @volume, @volumeUnit, @minimumAccuracy, @budgetCeiling, @requiredGrade, @securityLevel,
            @regionCode, @preferredBaseId, @evaluationMethod, @priceWeight, @technicalWeight, @qualityWeight, @bidDeadline, @dueDate,
            @minimumEligibleBids, @status, null, null, null, 1, @now, @now)
        """);
}
