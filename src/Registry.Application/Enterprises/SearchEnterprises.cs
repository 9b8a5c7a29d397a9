using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Common.Search;
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

internal sealed class SearchEnterprisesHandler(IReadDb db, SearchOptions options) : IRequestHandler<SearchEnterprises, Page<EnterpriseSummary>>
{
    public async Task<Page<EnterpriseSummary>> Handle(SearchEnterprises q, CancellationToken ct)
    {
        var text = string.IsNullOrWhiteSpace(q.Q) ? null : q.Q.Trim();
        var scope = RegionScope.Filter(q.Region);
        string[] modality = Values(q.Modality), taskType = Values(q.TaskType), domain = Values(q.Domain), designation = Values(q.Designation);
        var sent = (!scope.IsEverything ? Filters.Region : 0) | (q.BaseId is not null ? Filters.BaseId : 0)
            | (modality.Length > 0 ? Filters.Modality : 0) | (taskType.Length > 0 ? Filters.TaskType : 0)
            | (domain.Length > 0 ? Filters.Domain : 0) | (q.MinGrade is not null ? Filters.MinGrade : 0)
            | (q.CertificateStatus switch { null => 0, "none" => Filters.NoCertificate, _ => Filters.CertificateStatus })
            | (designation.Length > 0 ? Filters.Designation : 0) | (q.Clearance is not null ? Filters.Clearance : 0);
        var (name, gram, gramNames) = text is null ? (NameMatch.None, null, null) : await NameMatchOfAsync(text, ct);
        var capabilities = DirectoryBits.CapabilityMask(modality, taskType);
        var filter = new
        {
            q = text, qLike = text is null ? null : "%" + Like.Escape(text) + "%", code = text?.ToUpperInvariant(), gram,
            scope, q.BaseId, q.MinGrade, q.CertificateStatus, clearance = Clearances(q.Clearance),
            capabilityLo = capabilities.Lo, capabilityHi = capabilities.Hi,
            domainBits = DirectoryBits.OfDomains(domain), designationBits = DirectoryBits.OfDesignations(designation),
            offset = (q.Page - 1) * q.PageSize, limit = q.PageSize,
        };
        var statement = Statement(sent, name);
        // A name alone that is its own gram (one or two ideographs) is counted from the gram table's key, however many names hold it.
        var total = sent == 0 && text is not null && DirectoryNameGrams.IsExact(text)
            ? gramNames ?? await db.ScalarAsync<int>(GramNamesSql, new { gram = text, offset = 0, limit = int.MaxValue }, ct)
            : await db.ScalarAsync<int>(CountSql[statement], filter, ct);
        var sql = q.Sort switch { "grade" => ByGradeSql, "capacity" => ByCapacitySql, "quality" => ByQualitySql, _ => ByNameSql };
        var rows = filter.offset >= total ? [] : await db.QueryAsync<DirectoryRow>(sql[statement], filter, ct);
        return new Page<EnterpriseSummary>(rows.Select(r => r.ToSummary()).ToList(), total, q.Page, q.PageSize);
    }

    /// <summary>
    /// A name search that holds a gram (<see cref="DirectoryNameGrams"/>) tests only the names holding its rarest gram, if that gram
    /// is in fewer than <see cref="SearchOptions.DirectoryGramNamesAtMost"/> names (5,000 unless configured); otherwise it reads every name in the name index, which is then cheaper
    /// than fetching so many rows one by one. Each gram's names are counted up to that bound only, from the gram table's key.
    /// </summary>
    private async Task<(NameMatch Match, string? Gram, int? Names)> NameMatchOfAsync(string text, CancellationToken ct)
    {
        var probes = DirectoryNameGrams.Probes(text);
        // A long query's pairs are many: a spread of them is enough to find a rare one.
        if (probes.Count > ProbedGramsAtMost)
            probes = Enumerable.Range(0, ProbedGramsAtMost).Select(i => probes[i * (probes.Count - 1) / (ProbedGramsAtMost - 1)]).ToList();
        (string? Gram, int Names) rarest = (null, options.DirectoryGramNamesAtMost);
        foreach (var probe in probes)
        {
            var names = await db.ScalarAsync<int>(GramNamesSql, new { gram = probe, offset = 0, limit = rarest.Names }, ct);
            if (names < rarest.Names) rarest = (probe, names);
            if (names == 0) break;
        }
        return rarest.Gram is null
            ? (NameMatch.Scan, null, null)
            : (CouldBeCreditCode(text) ? NameMatch.CodeOrGrams : NameMatch.Grams, rarest.Gram, rarest.Names);
    }

    // Looking a candidate up by id costs about 1 µs for the count and 1 µs for the page on SQLite, testing a name in the name index
    // about 0.2 µs (20 ms at 100,000 enterprises): at 5,000 names a gram's candidates cost half the scan (docs/performance.md).
    private const int ProbedGramsAtMost = 6;

    /// <summary>
    /// A stored unified social credit code is always 18 digits and capital letters (the search compares it in capitals): only a search
    /// that could be one writes the credit code's condition, since an <c>or</c> keeps the planner from reading the candidates from
    /// the covering index.
    /// </summary>
    private static bool CouldBeCreditCode(string text) => text.Length == 18 && text.All(char.IsAsciiLetterOrDigit);

    /// <summary>The names holding a gram, counted up to <c>@limit</c>.</summary>
    private static readonly Sql GramNamesSql = new(d => $"""
        select count(*) from (select g.enterprise_id from enterprise_name_grams g where g.gram = @gram order by g.enterprise_id {d.Page}) names
        """);

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
    /// The filters a search sent besides the name; only those are written into the <c>where</c>, so that the planner can start from
    /// the index of the most selective one and count the matches from narrow indexes without visiting the wide directory rows.
    /// </summary>
    [Flags]
    private enum Filters
    {
        Region = 1, BaseId = 2, Modality = 4, TaskType = 8, Domain = 16, MinGrade = 32, CertificateStatus = 64,
        NoCertificate = 128, Designation = 256, Clearance = 512,
        All = 1023,
    }

    /// <summary>
    /// How the name or credit code (<c>q</c>) is matched: not at all; on the names holding one gram; the same or the credit code, when
    /// the search could be one; or by reading every name (and the credit code's index).
    /// </summary>
    private enum NameMatch
    {
        None = 0, Grams = 1, CodeOrGrams = 2, Scan = 3,
    }

    private const int NameMatches = 4;

    private static int Statement(Filters sent, NameMatch name) => (int)sent * NameMatches + (int)name;

    /// <summary>
    /// The conditions of the sent filters on the directory row <c>d</c>. The name (or credit code) is a <c>like</c> on the name, tried
    /// either on the names holding the search's rarest gram or on every name. The list filters are bit tests on the row's bit sets
    /// (<see cref="DirectoryBits"/>): the mask holds every value the filter accepts, so "any of" is one test, and a capability mask
    /// holds the pairs of a sent modality with a sent task type, so that one capability must match both lists.
    /// </summary>
    private static IEnumerable<string> Conditions(ISqlDialect d, Filters sent, NameMatch name)
    {
        var candidates = $"""
            d.enterprise_id in (select g.enterprise_id from enterprise_name_grams g where g.gram = @gram)
                and {d.ContainsIgnoreCase("d.legal_name", "@qLike")}
            """;
        if (name == NameMatch.Grams) yield return candidates;
        if (name == NameMatch.CodeOrGrams) yield return $"(d.credit_code = @code or ({candidates}))";
        if (name == NameMatch.Scan) yield return $"({d.ContainsIgnoreCase("d.legal_name", "@qLike")} or d.credit_code = @code)";
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

    private static string Where(ISqlDialect d, Filters sent, NameMatch name)
    {
        var conditions = Conditions(d, sent, name).ToList();
        return conditions.Count == 0 ? "" : "where " + string.Join("\n  and ", conditions);
    }

    private static Sql Count(Filters sent, NameMatch name) => new(d => $"select count(*) from enterprise_directory d {Where(d, sent, name)}");

    private const string Columns = """
        d.enterprise_id, d.legal_name, d.credit_code, d.region_code, d.region_name_zh, d.base_id, d.base_name_zh, d.total_staff,
            d.annotators, d.clearance, d.certificate_number, d.certificate_grade, d.certificate_status, d.certificate_expires_on,
            d.designations, d.capabilities, d.domains, d.quality_accepted_count, d.quality_mean_accuracy, d.quality_blend
        """;

    /// <summary>
    /// A page. The names of a gram are ordered and cut to the page from the directory's covering index by id, before the rows shown
    /// are read: each candidate's wide row would be read for the sort otherwise.
    /// </summary>
    private static Sql Page(Filters sent, NameMatch name, string orderBy) => new(d => name is NameMatch.Grams or NameMatch.CodeOrGrams
        ? $"""
            select {Columns}
            from enterprise_directory d
            where d.enterprise_id in (
                select d.enterprise_id from enterprise_directory d
                {Where(d, sent, name)}
                order by {orderBy}, d.enterprise_id {d.Page})
            order by {orderBy}, d.enterprise_id
            """
        : $"""
            select {Columns}
            from enterprise_directory d
            {Where(d, sent, name)}
            order by {orderBy}, d.enterprise_id {d.Page}
            """);

    private static Sql[] PerCombination(Func<Filters, NameMatch, Sql> statement) =>
        Enumerable.Range(0, ((int)Filters.All + 1) * NameMatches).Select(i => statement((Filters)(i / NameMatches), (NameMatch)(i % NameMatches))).ToArray();

    // One statement per combination of sent filters and name match (1,024 × 4), each rendered per dialect when first used, at
    // Statement(sent, name); the SQL Server parse test parses every element.
    private static readonly Sql[] CountSql = PerCombination(Count);
    private static readonly Sql[] ByNameSql = PerCombination((f, n) => Page(f, n, "d.legal_name"));
    private static readonly Sql[] ByGradeSql = PerCombination((f, n) => Page(f, n, "coalesce(d.certificate_grade, 0) desc, d.legal_name"));
    private static readonly Sql[] ByCapacitySql = PerCombination((f, n) => Page(f, n, "d.annotators desc, d.legal_name"));
    // The stored blend (QualityBlend.Unbarred) rather than the mean accuracy: one lucky delivery does not outrank fifty good ones.
    private static readonly Sql[] ByQualitySql = PerCombination((f, n) => Page(f, n, "d.quality_blend desc, d.legal_name"));

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
