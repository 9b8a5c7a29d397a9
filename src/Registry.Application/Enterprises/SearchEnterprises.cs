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
        var scope = RegionScope.Filter(q.Region);
        string[] modality = Values(q.Modality), taskType = Values(q.TaskType), domain = Values(q.Domain), designation = Values(q.Designation);
        var sent = (text is not null ? Filters.Q : 0) | (!scope.IsEverything ? Filters.Region : 0) | (q.BaseId is not null ? Filters.BaseId : 0)
            | (modality.Length > 0 ? Filters.Modality : 0) | (taskType.Length > 0 ? Filters.TaskType : 0)
            | (domain.Length > 0 ? Filters.Domain : 0) | (q.MinGrade is not null ? Filters.MinGrade : 0)
            | (q.CertificateStatus switch { null => 0, "none" => Filters.NoCertificate, _ => Filters.CertificateStatus })
            | (designation.Length > 0 ? Filters.Designation : 0) | (q.Clearance is not null ? Filters.Clearance : 0);
        var capabilities = DirectoryBits.CapabilityMask(modality, taskType);
        var filter = new
        {
            q = text, qLike = text is null ? null : "%" + Like.Escape(text) + "%", code = text?.ToUpperInvariant(),
            scope, q.BaseId, q.MinGrade, q.CertificateStatus, clearance = Clearances(q.Clearance),
            capabilityLo = capabilities.Lo, capabilityHi = capabilities.Hi,
            domainBits = DirectoryBits.OfDomains(domain), designationBits = DirectoryBits.OfDesignations(designation),
            offset = (q.Page - 1) * q.PageSize, limit = q.PageSize,
        };
        var total = await db.ScalarAsync<int>(CountSql[(int)sent], filter, ct);
        var sql = q.Sort switch { "grade" => ByGradeSql, "capacity" => ByCapacitySql, "quality" => ByQualitySql, _ => ByNameSql };
        var rows = filter.offset >= total ? [] : await db.QueryAsync<DirectoryRow>(sql[(int)sent], filter, ct);
        return new Page<EnterpriseSummary>(rows.Select(r => r.ToSummary()).ToList(), total, q.Page, q.PageSize);
    }

    /// <summary>The distinct values of a list filter; none when it was not sent.</summary>
    private static string[] Values(IReadOnlyList<string>? values) => values is null ? [] : values.Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The clearances that satisfy a requested one: an enterprise cleared for important data is cleared for general data too.</summary>
    private static string[] Clearances(string? clearance) => clearance switch
    {
        null => [],
        DataSecurityLevels.General => [DataSecurityLevels.General, DataSecurityLevels.Important],
        _ => [clearance],
    };

    /// <summary>
    /// The filters a search sent; only those are written into the <c>where</c>, so that the planner can start from the index of
    /// the most selective one and count the matches from narrow indexes without visiting the wide directory rows.
    /// </summary>
    [Flags]
    private enum Filters
    {
        Q = 1, Region = 2, BaseId = 4, Modality = 8, TaskType = 16, Domain = 32, MinGrade = 64, CertificateStatus = 128,
        NoCertificate = 256, Designation = 512, Clearance = 1024,
        All = 2047,
    }

    /// <summary>
    /// The conditions of the sent filters on the directory row <c>d</c>. The list filters are bit tests on the row's bit sets
    /// (<see cref="DirectoryBits"/>): the mask holds every value the filter accepts, so "any of" is one test, and a capability mask
    /// holds the pairs of a sent modality with a sent task type, so that one capability must match both lists.
    /// </summary>
    private static IEnumerable<string> Conditions(ISqlDialect d, Filters sent)
    {
        if (sent.HasFlag(Filters.Q)) yield return $"({d.ContainsIgnoreCase("d.legal_name", "@qLike")} or d.credit_code = @code)";
        if (sent.HasFlag(Filters.Region)) yield return RegionScope.Sql("d.region_code");
        if (sent.HasFlag(Filters.BaseId)) yield return "d.base_id = @baseId";
        if ((sent & (Filters.Modality | Filters.TaskType)) != 0)
            yield return "((d.capability_bits_lo & @capabilityLo) <> 0 or (d.capability_bits_hi & @capabilityHi) <> 0)";
        if (sent.HasFlag(Filters.Domain)) yield return "(d.domain_bits & @domainBits) <> 0";
        if (sent.HasFlag(Filters.MinGrade)) yield return "d.certificate_status = 'active' and d.certificate_grade >= @minGrade";
        if (sent.HasFlag(Filters.CertificateStatus)) yield return "d.certificate_status = @certificateStatus";
        if (sent.HasFlag(Filters.NoCertificate)) yield return "d.certificate_status is null";
        if (sent.HasFlag(Filters.Designation)) yield return "(d.designation_bits & @designationBits) <> 0";
        if (sent.HasFlag(Filters.Clearance)) yield return d.InList("d.clearance", "@clearance");
    }

    private static string Where(ISqlDialect d, Filters sent)
    {
        var conditions = Conditions(d, sent).ToList();
        return conditions.Count == 0 ? "" : "where " + string.Join("\n  and ", conditions);
    }

    private static Sql Count(Filters sent) => new(d => $"select count(*) from enterprise_directory d {Where(d, sent)}");

    private static Sql Page(Filters sent, string orderBy) => new(d => $"""
        select d.enterprise_id, d.legal_name, d.credit_code, d.region_code, d.region_name_zh, d.base_id, d.base_name_zh, d.total_staff,
            d.annotators, d.clearance, d.certificate_number, d.certificate_grade, d.certificate_status, d.certificate_expires_on,
            d.designations, d.capabilities, d.domains, d.quality_accepted_count, d.quality_mean_accuracy, d.quality_blend
        from enterprise_directory d
        {Where(d, sent)}
        order by {orderBy}, d.enterprise_id {d.Page}
        """);

    private static Sql[] PerCombination(Func<Filters, Sql> statement) =>
        Enumerable.Range(0, (int)Filters.All + 1).Select(f => statement((Filters)f)).ToArray();

    // One statement per combination of sent filters (2,048), each rendered per dialect when first used; the SQL Server parse
    // test parses every element.
    private static readonly Sql[] CountSql = PerCombination(Count);
    private static readonly Sql[] ByNameSql = PerCombination(f => Page(f, "d.legal_name"));
    private static readonly Sql[] ByGradeSql = PerCombination(f => Page(f, "coalesce(d.certificate_grade, 0) desc, d.legal_name"));
    private static readonly Sql[] ByCapacitySql = PerCombination(f => Page(f, "d.annotators desc, d.legal_name"));
    // The stored blend (QualityBlend.Unbarred) rather than the mean accuracy: one lucky delivery does not outrank fifty good ones.
    private static readonly Sql[] ByQualitySql = PerCombination(f => Page(f, "d.quality_blend desc, d.legal_name"));

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
