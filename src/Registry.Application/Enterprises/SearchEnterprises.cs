using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Enterprises;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Enterprises;

/// <summary>An enterprise as a directory line: public fields only.</summary>
public sealed record EnterpriseSummary
{
    public required Guid Id { get; init; }
    public required string LegalName { get; init; }
    public required string CreditCode { get; init; }
    public required string RegionCode { get; init; }
    public required string RegionNameZh { get; init; }
    public Guid? BaseId { get; init; }
    public string? BaseNameZh { get; init; }
    public required int TotalStaff { get; init; }
    public required int Annotators { get; init; }
    public string? Clearance { get; init; }
    public string? CertificateNumber { get; init; }
    public int? CertificateGrade { get; init; }
    public string? CertificateStatus { get; init; }
    public DateOnly? CertificateExpiresOn { get; init; }
    public required IReadOnlyList<string> Designations { get; init; }
    public required IReadOnlyList<string> Capabilities { get; init; }
    public required IReadOnlyList<string> Domains { get; init; }
    public required int QualityAcceptedCount { get; init; }
    public decimal? QualityMeanAccuracy { get; init; }

    /// <summary>The credibility-weighted quality (0.5 without a record) that <c>sort=quality</c> orders by, as the evaluation blends it.</summary>
    public required decimal QualityBlend { get; init; }
}

/// <summary>
/// The public directory of labeling enterprises: search by name or credit code, filter by region (a province includes its
/// cities), base, capability, domain, minimum active grade, certificate status (or "none"), designation and clearance.
/// Modality, task type, domain and designation take several values: any of them matches (a capability pairs one of the
/// modalities with one of the task types); separate filters must all match.
/// </summary>
[Public]
public sealed record SearchEnterprises(string? Q, string? Region, Guid? BaseId, IReadOnlyList<string>? Modality, IReadOnlyList<string>? TaskType,
    IReadOnlyList<string>? Domain, int? MinGrade, string? CertificateStatus, IReadOnlyList<string>? Designation, string? Clearance, string? Sort,
    int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<Page<EnterpriseSummary>>, IPaged;

public sealed class SearchEnterprisesValidator : AbstractValidator<SearchEnterprises>
{
    public static readonly string[] Sorts = ["name", "grade", "capacity", "quality"];

    public SearchEnterprisesValidator(RegionDirectory regions)
    {
        this.RulesForPaging();
        RuleFor(x => x.Q).PlainText(TextRules.QueryLength);
        RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
        this.ClosedList(x => x.Modality, Modalities.IsKnown, () => Texts.Get("validation.unknown_modality"));
        this.ClosedList(x => x.TaskType, TaskTypes.IsKnown, () => Texts.Get("validation.unknown_task_type"));
        this.ClosedList(x => x.Domain, IndustryDomains.IsKnown, () => Texts.Get("validation.unknown_domain"));
        this.ClosedList(x => x.Designation, Designations.IsKnown,
            () => Texts.Format("validation.one_of", "designation", string.Join(", ", Designations.All.Select(d => d.Code))));
        RuleFor(x => x.MinGrade).InclusiveBetween(GradingRule.MinGrade, GradingRule.MaxGrade).When(x => x.MinGrade is not null);
        RuleFor(x => x.CertificateStatus).Must(s => s == "none" || Domain.Enterprises.CertificateStatus.IsKnown(s)).When(x => x.CertificateStatus is not null)
            .WithMessage(_ => Texts.Format("validation.one_of", "certificateStatus", "none, " + string.Join(", ", Domain.Enterprises.CertificateStatus.All)));
        RuleFor(x => x.Clearance).Must(c => c is DataSecurityLevels.General or DataSecurityLevels.Important).When(x => x.Clearance is not null)
            .WithMessage(_ => Texts.Get("validation.clearance"));
        this.Sort(x => x.Sort, Sorts);
    }
}

internal sealed class SearchEnterprisesHandler(IReadDb db) : IRequestHandler<SearchEnterprises, Page<EnterpriseSummary>>
{
    public async Task<Page<EnterpriseSummary>> Handle(SearchEnterprises q, CancellationToken ct)
    {
        var text = string.IsNullOrWhiteSpace(q.Q) ? null : q.Q.Trim();
        string[] modality = Values(q.Modality), taskType = Values(q.TaskType), domain = Values(q.Domain), designation = Values(q.Designation);
        var filter = new
        {
            q = text, qLike = text is null ? null : "%" + Like.Escape(text) + "%", code = text?.ToUpperInvariant(),
            scope = RegionScope.Filter(q.Region), q.BaseId, q.MinGrade, q.CertificateStatus, q.Clearance,
            modality, modalityCount = modality.Length, taskType, taskTypeCount = taskType.Length, domain, domainCount = domain.Length,
            designation, designationCount = designation.Length,
            offset = (q.Page - 1) * q.PageSize, limit = q.PageSize,
        };
        var total = await db.ScalarAsync<int>(CountSql, filter, ct);
        var sql = q.Sort switch { "grade" => ByGradeSql, "capacity" => ByCapacitySql, "quality" => ByQualitySql, _ => ByNameSql };
        var rows = await db.QueryAsync<DirectoryRow>(sql, filter, ct);
        return new Page<EnterpriseSummary>(rows.Select(r => r.ToSummary()).ToList(), total, q.Page, q.PageSize);
    }

    // A list filter reads the profile's own capability, domain or designation rows: the directory row holds them as one text each.
    private static string Where(ISqlDialect d) => $"""
        where (@q is null or {d.ContainsIgnoreCase("d.legal_name", "@qLike")} or d.credit_code = @code)
          and {RegionScope.Sql("d.region_code")}
          and (@baseId is null or d.base_id = @baseId)
          and ((@modalityCount = 0 and @taskTypeCount = 0) or d.enterprise_id in (
              select c.enterprise_id from enterprise_capabilities c
              where (@modalityCount = 0 or {d.InList("c.modality", "@modality")}) and (@taskTypeCount = 0 or {d.InList("c.task_type", "@taskType")})))
          and (@domainCount = 0 or d.enterprise_id in (select x.enterprise_id from enterprise_domains x where {d.InList("x.domain_code", "@domain")}))
          and (@minGrade is null or (d.certificate_status = 'active' and d.certificate_grade >= @minGrade))
          and (@certificateStatus is null or d.certificate_status = @certificateStatus or (@certificateStatus = 'none' and d.certificate_status is null))
          and (@designationCount = 0 or d.enterprise_id in (
              select g.enterprise_id from enterprise_designations g where g.withdrawn_on is null and {d.InList("g.designation", "@designation")}))
          and (@clearance is null or d.clearance = @clearance or (@clearance = 'general' and d.clearance = 'important'))
        """;

    /// <summary>The distinct values of a list filter; none when it was not sent.</summary>
    private static string[] Values(IReadOnlyList<string>? values) => values is null ? [] : values.Distinct(StringComparer.Ordinal).ToArray();

    private static Sql Page(string orderBy) => new(d => $"""
        select d.enterprise_id, d.legal_name, d.credit_code, d.region_code, d.region_name_zh, d.base_id, d.base_name_zh, d.total_staff,
            d.annotators, d.clearance, d.certificate_number, d.certificate_grade, d.certificate_status, d.certificate_expires_on,
            d.designations, d.capabilities, d.domains, d.quality_accepted_count, d.quality_mean_accuracy, d.quality_blend
        from enterprise_directory d
        {Where(d)}
        order by {orderBy}, d.enterprise_id {d.Page}
        """);

    private static readonly Sql CountSql = new(d => $"select count(*) from enterprise_directory d {Where(d)}");
    private static readonly Sql ByNameSql = Page("d.legal_name");
    private static readonly Sql ByGradeSql = Page("coalesce(d.certificate_grade, 0) desc, d.legal_name");
    private static readonly Sql ByCapacitySql = Page("d.annotators desc, d.legal_name");
    // The stored blend (QualityBlend.Unbarred) rather than the mean accuracy: one lucky delivery does not outrank fifty good ones.
    private static readonly Sql ByQualitySql = Page("d.quality_blend desc, d.legal_name");

    private sealed class DirectoryRow
    {
        public Guid EnterpriseId { get; init; }
        public string LegalName { get; init; } = "";
        public string CreditCode { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public string RegionNameZh { get; init; } = "";
        public Guid? BaseId { get; init; }
        public string? BaseNameZh { get; init; }
        public int TotalStaff { get; init; }
        public int Annotators { get; init; }
        public string? Clearance { get; init; }
        public string? CertificateNumber { get; init; }
        public int? CertificateGrade { get; init; }
        public string? CertificateStatus { get; init; }
        public DateOnly? CertificateExpiresOn { get; init; }
        public string Designations { get; init; } = "";
        public string Capabilities { get; init; } = "";
        public string Domains { get; init; } = "";
        public int QualityAcceptedCount { get; init; }
        public decimal? QualityMeanAccuracy { get; init; }
        public decimal QualityBlend { get; init; }

        private static string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries);

        public EnterpriseSummary ToSummary() => new()
        {
            Id = EnterpriseId, LegalName = LegalName, CreditCode = CreditCode, RegionCode = RegionCode, RegionNameZh = RegionNameZh,
            BaseId = BaseId, BaseNameZh = BaseNameZh, TotalStaff = TotalStaff, Annotators = Annotators, Clearance = Clearance,
            CertificateNumber = CertificateNumber, CertificateGrade = CertificateGrade, CertificateStatus = CertificateStatus,
            CertificateExpiresOn = CertificateExpiresOn, Designations = Split(Designations), Capabilities = Split(Capabilities),
            Domains = Split(Domains), QualityAcceptedCount = QualityAcceptedCount, QualityMeanAccuracy = QualityMeanAccuracy,
            QualityBlend = QualityBlend,
        };
    }
}
