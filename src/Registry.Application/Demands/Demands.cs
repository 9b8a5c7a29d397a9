using System.Globalization;
using System.Text.Json;
using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Demands;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Demands;

/// <summary>The <c>Bidding</c> configuration section.</summary>
public sealed class BiddingOptions
{
    /// <summary>How long bidding must stay open at least after publication (<c>Bidding:MinimumWindow</c>, default 7 days).</summary>
    public TimeSpan MinimumWindow { get; set; } = DemandLifecycle.DefaultMinimumWindow;
}

/// <summary>A labeling demand (标注需求): the tender an agency publishes.</summary>
public sealed record DemandView
{
    public required Guid Id { get; init; }
    public required Guid AgencyId { get; init; }
    public required string AgencyNameZh { get; init; }
    public Guid? CatalogEntryId { get; init; }
    public string? Number { get; init; }
    public string? Ocid { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string TaskSpecification { get; init; }
    public required IReadOnlyList<string> PositiveExamples { get; init; }
    public required IReadOnlyList<string> NegativeExamples { get; init; }
    public required string Domain { get; init; }
    public required string Modality { get; init; }
    public required IReadOnlyList<string> TaskTypes { get; init; }
    public required decimal Volume { get; init; }
    public required string VolumeUnit { get; init; }
    public required decimal MinimumAccuracy { get; init; }
    public required decimal BudgetCeiling { get; init; }
    public required int RequiredGrade { get; init; }
    public required string SecurityLevel { get; init; }
    public required string RegionCode { get; init; }
    public Guid? PreferredBaseId { get; init; }
    public required EvaluationMethod Evaluation { get; init; }
    public required DateTimeOffset BidDeadline { get; init; }
    public required DateOnly DueDate { get; init; }
    public required int MinimumEligibleBids { get; init; }
    public required string Status { get; init; }
    public string? StatusReason { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    /// <summary>
    /// How many live bids there are, once bidding has closed; null until then (and for a demand cancelled while open), because
    /// the number of bidders is not disclosed before the bids are opened (Bidding Law art. 22).
    /// </summary>
    public required int? BidCount { get; init; }
    /// <summary>The contract the award created, once awarded.</summary>
    public Guid? ContractId { get; init; }
    public required long RowVersion { get; init; }
}

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

    public CreateDemandValidator()
    {
        RuleFor(x => x.Title).NotEmpty().Name();
        RuleFor(x => x.Description).NotEmpty().MultilineText(4000);
        RuleFor(x => x.TaskSpecification).NotEmpty().MultilineText(20000);
        RuleFor(x => x.PositiveExamples).NotNull().MaxCount(MaxExamples);
        RuleForEach(x => x.PositiveExamples).NotEmpty().MultilineText(MaxExampleLength);
        RuleFor(x => x.NegativeExamples).NotNull().MaxCount(MaxExamples);
        RuleForEach(x => x.NegativeExamples).NotEmpty().MultilineText(MaxExampleLength);
        RuleFor(x => x.Domain).Must(IndustryDomains.IsKnown).WithMessage("Unknown domain; see /api/v1/reference/domains.");
        RuleFor(x => x.Modality).Must(Modalities.IsKnown).WithMessage("Unknown modality; see /api/v1/reference/modalities.");
        RuleFor(x => x.TaskTypes).NotEmpty().MaxCount(TaskTypes.All.Count);
        RuleForEach(x => x.TaskTypes).Must(TaskTypes.IsKnown).WithMessage("Unknown task type '{PropertyValue}'; see /api/v1/reference/task-types.");
        RuleFor(x => x.Volume).GreaterThan(0).LessThan(1_000_000_000_000m).PrecisionScale(18, 2, ignoreTrailingZeros: true);
        RuleFor(x => x.VolumeUnit).Must(Catalog.CatalogUnits.VolumeUnits.Contains).WithMessage($"'volumeUnit' is one of: {string.Join(", ", Catalog.CatalogUnits.VolumeUnits)}.");
        RuleFor(x => x.MinimumAccuracy).InclusiveBetween(0m, 1m).PrecisionScale(6, 4, ignoreTrailingZeros: true);
        RuleFor(x => x.BudgetCeiling).GreaterThan(0).LessThan(10_000_000_000m).PrecisionScale(18, 2, ignoreTrailingZeros: true);
        RuleFor(x => x.RequiredGrade).InclusiveBetween(1, 5);
        RuleFor(x => x.SecurityLevel).Must(DataSecurityLevels.IsKnown).WithMessage("'securityLevel' is general, important or core.");
        RuleFor(x => x.RegionCode).Must(r => RegionCode.IsWellFormed(r) && r != RegionCode.National).WithMessage("'regionCode' must be a province or city code.");
        RuleFor(x => x.Evaluation).NotNull().Custom((e, ctx) =>
        {
            if (e?.Problem() is { } problem) ctx.AddFailure(problem);
        });
        RuleFor(x => x.Evaluation.Kind).Must(k => k is EvaluationMethod.LowestPrice or EvaluationMethod.Comprehensive)
            .When(x => x.Evaluation is not null).WithMessage($"'kind' is {EvaluationMethod.LowestPrice} or {EvaluationMethod.Comprehensive}.");
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
        outbox.Publish(new OutboxEvent("demand.created", "demand", id.ToString(), new { id, agencyId, c.Title }));
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

/// <summary>The agency publishes its draft demand: bidding opens until the deadline; a number and an OCDS ocid are assigned.</summary>
[AllowedFor(Roles.Agency)]
public sealed record PublishDemand(Guid Id) : ICommand<DemandView>;

/// <summary>The agency cancels its demand (from draft, open or evaluating) with a reason.</summary>
[AllowedFor(Roles.Agency)]
public sealed record CancelDemand(Guid Id, string Reason) : ICommand<DemandView>;

public sealed class CancelDemandValidator : AbstractValidator<CancelDemand>
{
    public CancelDemandValidator() => RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
}

/// <summary>The agency extends the bidding deadline of an open demand; bids already made stand.</summary>
[AllowedFor(Roles.Agency)]
public sealed record ExtendBidDeadline(Guid Id, DateTimeOffset BidDeadline) : ICommand<DemandView>;

internal sealed class DemandLifecycleHandlers(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock, BiddingOptions bidding,
    IJobScheduler scheduler) :
    IRequestHandler<PublishDemand, DemandView>, IRequestHandler<CancelDemand, DemandView>, IRequestHandler<ExtendBidDeadline, DemandView>
{
    public async Task<DemandView> Handle(PublishDemand c, CancellationToken ct)
    {
        var demand = await OwnedAsync(c.Id, ct);
        var now = clock.GetUtcNow();
        var status = DemandLifecycle.Publish(demand.Status, demand.BidDeadline, demand.DueDate, now, bidding.MinimumWindow, demand.SecurityLevel);
        var problems = await DemandReferences.ProblemsAsync(db, demand.AgencyId, demand.RegionCode, demand.PreferredBaseId, demand.CatalogEntryId, ct);
        if (problems.Count > 0)
            throw new RuleViolation("demand_references_invalid", string.Join(" ", problems.Values.SelectMany(m => m)) + " Cancel this draft and file a new one.");
        var prefix = FormattableString.Invariant($"XQ-{ChinaDate.Today(clock).Year}-");
        var number = prefix + (await db.ScalarAsync<long>(PublishedCountSql, new { pattern = prefix + "%" }, ct) + 1).ToString("000000", CultureInfo.InvariantCulture);
        await db.ExecuteAsync(PublishSql, new { c.Id, status, number, ocid = "ocds-registry-" + number, now }, ct);
        outbox.Publish(new OutboxEvent("demand.published", "demand", c.Id.ToString(), new { c.Id, number, demand.BidDeadline }));
        scheduler.CloseDemandAt(demand.BidDeadline);
        return await DemandReads.ViewAsync(db, c.Id, ct);
    }

    public async Task<DemandView> Handle(CancelDemand c, CancellationToken ct)
    {
        var demand = await OwnedAsync(c.Id, ct);
        var status = DemandLifecycle.Cancel(demand.Status);
        await db.ExecuteAsync(StatusSql, new { c.Id, status, reason = c.Reason, now = clock.GetUtcNow() }, ct);
        outbox.Publish(new OutboxEvent("demand.cancelled", "demand", c.Id.ToString(), new { c.Id, c.Reason }));
        return await DemandReads.ViewAsync(db, c.Id, ct);
    }

    public async Task<DemandView> Handle(ExtendBidDeadline c, CancellationToken ct)
    {
        var demand = await OwnedAsync(c.Id, ct);
        var deadline = DemandLifecycle.ExtendDeadline(demand.Status, demand.BidDeadline, c.BidDeadline.ToUniversalTime());
        if (DateOnly.FromDateTime(deadline.ToOffset(ChinaDate.Offset).DateTime) >= demand.DueDate)
            throw new BusinessRuleException("due_date_before_deadline", "The new deadline must stay before the delivery due date.");
        await db.ExecuteAsync(DeadlineSql, new { c.Id, deadline, now = clock.GetUtcNow() }, ct);
        outbox.Publish(new OutboxEvent("demand.deadline_extended", "demand", c.Id.ToString(), new { c.Id, deadline }));
        scheduler.CloseDemandAt(deadline);
        return await DemandReads.ViewAsync(db, c.Id, ct);
    }

    private Task<DemandView> OwnedAsync(Guid id, CancellationToken ct) => DemandReads.OwnedAsync(db, caller, id, ct);

    private static readonly Sql PublishedCountSql = new("select count(*) from demands where number like @pattern");
    private static readonly Sql PublishSql = new("""
        update demands set status = @status, number = @number, ocid = @ocid, published_at = @now, row_version = row_version + 1, updated_at = @now
        where id = @id
        """);
    private static readonly Sql StatusSql = new("""
        update demands set status = @status, status_reason = @reason, row_version = row_version + 1, updated_at = @now where id = @id
        """);
    private static readonly Sql DeadlineSql = new("""
        update demands set bid_deadline = @deadline, row_version = row_version + 1, updated_at = @now where id = @id and status = 'open'
        """);
}

internal static class DemandReads
{
    public static async Task<DemandView> ViewAsync(IQueryDb db, Guid id, CancellationToken ct) =>
        await FindAsync(db, id, ct) ?? throw new NotFound("demand", id);

    public static async Task<DemandView?> FindAsync(IQueryDb db, Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<DemandRow>(ByIdSql, new { id }, ct))?.ToView();

    /// <summary>The caller agency's own demand: another agency gets 403 for a published demand and 404 for a draft it may not see.</summary>
    public static async Task<DemandView> OwnedAsync(IQueryDb db, ICaller caller, Guid id, CancellationToken ct)
    {
        var demand = await FindAsync(db, id, ct);
        if (demand is null || demand.AgencyId != caller.OrganizationId)
        {
            if (demand is not null && demand.Status != DemandStatus.Draft) throw new Forbidden("Only the agency that published this demand may change it.");
            throw new NotFound("demand", id);
        }
        return demand;
    }

    public const string Select = """
        select d.id, d.agency_id, o.name_zh as agency_name_zh, d.catalog_entry_id, d.number, d.ocid, d.title, d.description, d.task_specification,
            d.positive_examples, d.negative_examples, d.domain, d.modality, d.task_types, d.volume, d.volume_unit, d.minimum_accuracy,
            d.budget_ceiling, d.required_grade, d.security_level, d.region_code, d.preferred_base_id, d.evaluation_method, d.price_weight,
            d.technical_weight, d.quality_weight, d.bid_deadline, d.due_date, d.minimum_eligible_bids, d.status, d.status_reason, d.published_at,
            case when d.closed_at is null then null
                else (select count(*) from bids b where b.demand_id = d.id and b.status = 'live') end as bid_count,
            (select c.id from contracts c where c.demand_id = d.id) as contract_id, d.row_version
        from demands d join organizations o on o.id = d.agency_id
        """;

    private static readonly Sql ByIdSql = new($"{Select} where d.id = @id");

    internal sealed class DemandRow
    {
        public Guid Id { get; init; }
        public Guid AgencyId { get; init; }
        public string AgencyNameZh { get; init; } = "";
        public Guid? CatalogEntryId { get; init; }
        public string? Number { get; init; }
        public string? Ocid { get; init; }
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public string TaskSpecification { get; init; } = "";
        public string PositiveExamples { get; init; } = "[]";
        public string NegativeExamples { get; init; } = "[]";
        public string Domain { get; init; } = "";
        public string Modality { get; init; } = "";
        public string TaskTypes { get; init; } = "";
        public decimal Volume { get; init; }
        public string VolumeUnit { get; init; } = "";
        public decimal MinimumAccuracy { get; init; }
        public decimal BudgetCeiling { get; init; }
        public int RequiredGrade { get; init; }
        public string SecurityLevel { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public Guid? PreferredBaseId { get; init; }
        public string EvaluationMethod { get; init; } = "";
        public int PriceWeight { get; init; }
        public int TechnicalWeight { get; init; }
        public int QualityWeight { get; init; }
        public DateTimeOffset BidDeadline { get; init; }
        public DateOnly DueDate { get; init; }
        public int MinimumEligibleBids { get; init; }
        public string Status { get; init; } = "";
        public string? StatusReason { get; init; }
        public DateTimeOffset? PublishedAt { get; init; }
        public int? BidCount { get; init; }
        public Guid? ContractId { get; init; }
        public long RowVersion { get; init; }

        public DemandView ToView() => new()
        {
            Id = Id, AgencyId = AgencyId, AgencyNameZh = AgencyNameZh, CatalogEntryId = CatalogEntryId, Number = Number, Ocid = Ocid, Title = Title,
            Description = Description, TaskSpecification = TaskSpecification,
            PositiveExamples = JsonSerializer.Deserialize<List<string>>(PositiveExamples) ?? [],
            NegativeExamples = JsonSerializer.Deserialize<List<string>>(NegativeExamples) ?? [], Domain = Domain, Modality = Modality,
            TaskTypes = TaskTypes.Split(',', StringSplitOptions.RemoveEmptyEntries), Volume = Volume, VolumeUnit = VolumeUnit,
            MinimumAccuracy = MinimumAccuracy, BudgetCeiling = BudgetCeiling, RequiredGrade = RequiredGrade, SecurityLevel = SecurityLevel,
            RegionCode = RegionCode, PreferredBaseId = PreferredBaseId,
            Evaluation = new EvaluationMethod(EvaluationMethod, PriceWeight, TechnicalWeight, QualityWeight), BidDeadline = BidDeadline,
            DueDate = DueDate, MinimumEligibleBids = MinimumEligibleBids, Status = Status, StatusReason = StatusReason, PublishedAt = PublishedAt,
            BidCount = BidCount, ContractId = ContractId, RowVersion = RowVersion,
        };
    }
}
