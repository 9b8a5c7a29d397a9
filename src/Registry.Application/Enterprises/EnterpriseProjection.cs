using System.Text.Json;
using Registry.Application.Common;
using Registry.Domain.Enterprises;
using Registry.Domain.Reference;

namespace Registry.Application.Enterprises;

public sealed record CertificateView
{
    public required Guid Id { get; init; }
    public required string Number { get; init; }
    public required int Grade { get; init; }
    public required string Status { get; init; }
    public required DateOnly IssuedOn { get; init; }
    public required DateOnly ExpiresOn { get; init; }
    public string? StatusReason { get; init; }
    /// <summary>The region whose regulators supervise the certificate: the enterprise's region when it was issued.</summary>
    public string? SupervisingRegionCode { get; init; }
    public required long Version { get; init; }
}

public sealed record DesignationView(string Designation, DateOnly GrantedOn, string Reason);

public sealed record EvidenceDocument(string Name, string Sha256, long Size);

public sealed record ApplicationView
{
    public required Guid Id { get; init; }
    public required Guid EnterpriseId { get; init; }
    public required int Grade { get; init; }
    public required string Status { get; init; }
    public required IReadOnlyList<EvidenceDocument> Evidence { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public Guid? ReviewerOrganizationId { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecisionReason { get; init; }
    public Guid? CertificateId { get; init; }
}

/// <summary>
/// An enterprise as the directory shows it. <see cref="Contact"/> and <see cref="Applications"/> are filled only for the
/// enterprise itself, regulators and certifiers of its jurisdiction, and admins; everyone else sees the public fields.
/// </summary>
public sealed record EnterpriseDetail
{
    public required Guid Id { get; init; }
    public required string LegalName { get; init; }
    public required string CreditCode { get; init; }
    public required string RegionCode { get; init; }
    public required string RegionNameZh { get; init; }
    public required string ProvinceCode { get; init; }
    public required string Address { get; init; }
    public required DateOnly FoundedOn { get; init; }
    public Guid? BaseId { get; init; }
    public string? BaseNameZh { get; init; }
    public required IReadOnlyList<Capability> Capabilities { get; init; }
    public required IReadOnlyList<string> Domains { get; init; }
    public required IReadOnlyDictionary<string, int> Talent { get; init; }
    public required int TotalStaff { get; init; }
    public required EnterpriseSecurity Security { get; init; }
    /// <summary>The highest data security level it may handle: general, important, or null.</summary>
    public string? Clearance { get; init; }
    public required IReadOnlyList<string> Tools { get; init; }
    public CertificateView? Certificate { get; init; }
    public required IReadOnlyList<DesignationView> Designations { get; init; }
    public required QualityRecord Quality { get; init; }
    public required long Version { get; init; }
    public EnterpriseContact? Contact { get; init; }
    public IReadOnlyList<ApplicationView>? Applications { get; init; }
}

/// <summary>Keeps the <c>enterprise_directory</c> read model in step, inside the command's transaction, and reads details.</summary>
internal static class EnterpriseProjection
{
    public static async Task RefreshAsync(IWriteDb db, Guid id, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow; // when the row was rebuilt; informational only
        var d = await DetailAsync(db, id, ct);
        var talent = new EnterpriseFacts(d.TotalStaff, d.Talent, d.Security.MlpsLevel, d.Security.Iso27001, d.Security.SecureFacility);
        await db.ExecuteAsync(DeleteSql, new { id }, ct);
        await db.ExecuteAsync(InsertSql, new
        {
            id, d.LegalName, d.CreditCode, d.RegionCode, d.RegionNameZh, d.ProvinceCode, d.BaseId, d.BaseNameZh, d.TotalStaff,
            annotators = talent.Annotators, seniorAnnotators = talent.SeniorAnnotators, mlpsLevel = d.Security.MlpsLevel,
            iso27001 = d.Security.Iso27001, secureFacility = d.Security.SecureFacility, d.Clearance,
            certificateId = d.Certificate?.Id, certificateNumber = d.Certificate?.Number, certificateGrade = d.Certificate?.Grade,
            certificateStatus = d.Certificate?.Status, certificateExpiresOn = d.Certificate?.ExpiresOn,
            designations = "," + string.Join(',', d.Designations.Select(x => x.Designation)) + ",",
            capabilities = "," + string.Join(',', d.Capabilities.Select(c => $"{c.Modality}:{c.TaskType}")) + ",",
            domains = "," + string.Join(',', d.Domains) + ",", qualityAcceptedCount = d.Quality.AcceptedCount, qualityMeanAccuracy = d.Quality.MeanAccuracy,
            d.Version, now,
        }, ct);
        await db.ExecuteAsync(BaseCountsSql, null, ct);
    }

    public static async Task<EnterpriseDetail> DetailAsync(IQueryDb db, Guid id, CancellationToken ct, bool restricted = true) =>
        await FindAsync(db, id, restricted, ct) ?? throw new NotFound("enterprise", id);

    public static async Task<EnterpriseDetail?> FindAsync(IQueryDb db, Guid id, bool restricted, CancellationToken ct)
    {
        var p = await db.QuerySingleOrDefaultAsync<ProfileRow>(ProfileSql, new { id }, ct);
        if (p is null) return null;
        var capabilities = (await db.QueryAsync<CapabilityRow>(CapabilitiesSql, new { id }, ct)).Select(c => new Capability(c.Modality, c.TaskType)).ToList();
        var domains = await db.QueryAsync<string>(DomainsSql, new { id }, ct);
        var talent = (await db.QueryAsync<TalentRow>(TalentSql, new { id }, ct)).ToDictionary(t => t.SkillLevel, t => t.Annotators);
        var certificate = (await db.QueryAsync<CertificateView>(CertificatesSql, new { id }, ct))
            .OrderByDescending(c => CertificateStatus.IsCurrent(c.Status)).ThenByDescending(c => c.IssuedOn).FirstOrDefault();
        var designations = await db.QueryAsync<DesignationRow>(DesignationsSql, new { id }, ct);
        var applications = restricted ? null : (await db.QueryAsync<ApplicationRow>(ApplicationsSql, new { id }, ct)).Select(a => a.ToView()).ToList();
        return new EnterpriseDetail
        {
            Id = id, LegalName = p.LegalName, CreditCode = p.CreditCode, RegionCode = p.RegionCode, RegionNameZh = p.RegionNameZh,
            ProvinceCode = p.ProvinceCode, Address = p.Address, FoundedOn = p.FoundedOn, BaseId = p.BaseId, BaseNameZh = p.BaseNameZh,
            Capabilities = capabilities, Domains = domains, Talent = talent, TotalStaff = p.TotalStaff,
            Security = new EnterpriseSecurity(p.MlpsLevel, p.Iso27001, p.SecureFacility),
            Clearance = Domain.Enterprises.Clearance.HighestLevel(p.MlpsLevel, certificate?.Status == CertificateStatus.Active),
            Tools = JsonSerializer.Deserialize<List<string>>(p.Tools) ?? [],
            Certificate = certificate,
            Designations = designations.Select(x => new DesignationView(x.Designation, x.GrantedOn, x.GrantReason)).ToList(),
            Quality = await QualityRecords.ReadAsync(db, id, ct),
            Version = p.RowVersion,
            Contact = restricted ? null : new EnterpriseContact(p.ContactName, p.ContactPhone, p.ContactEmail),
            Applications = applications,
        };
    }

    private sealed class ProfileRow
    {
        public string LegalName { get; init; } = "";
        public string CreditCode { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public string RegionNameZh { get; init; } = "";
        public string ProvinceCode { get; init; } = "";
        public string Address { get; init; } = "";
        public DateOnly FoundedOn { get; init; }
        public string ContactName { get; init; } = "";
        public string ContactPhone { get; init; } = "";
        public string ContactEmail { get; init; } = "";
        public Guid? BaseId { get; init; }
        public string? BaseNameZh { get; init; }
        public int TotalStaff { get; init; }
        public int MlpsLevel { get; init; }
        public bool Iso27001 { get; init; }
        public bool SecureFacility { get; init; }
        public string Tools { get; init; } = "[]";
        public long RowVersion { get; init; }
    }

    private sealed class TalentRow
    {
        public string SkillLevel { get; init; } = "";
        public int Annotators { get; init; }
    }

    private sealed class CapabilityRow
    {
        public string Modality { get; init; } = "";
        public string TaskType { get; init; } = "";
    }

    private sealed class DesignationRow
    {
        public string Designation { get; init; } = "";
        public DateOnly GrantedOn { get; init; }
        public string GrantReason { get; init; } = "";
    }

    internal sealed class ApplicationRow
    {
        public Guid Id { get; init; }
        public Guid EnterpriseId { get; init; }
        public int Grade { get; init; }
        public string Status { get; init; } = "";
        public string Evidence { get; init; } = "[]";
        public DateTimeOffset SubmittedAt { get; init; }
        public Guid? ReviewerOrganizationId { get; init; }
        public DateTimeOffset? DecidedAt { get; init; }
        public string? DecisionReason { get; init; }
        public Guid? CertificateId { get; init; }

        public ApplicationView ToView() => new()
        {
            Id = Id, EnterpriseId = EnterpriseId, Grade = Grade, Status = Status,
            Evidence = JsonSerializer.Deserialize<List<EvidenceDocument>>(Evidence, Ledger.Json) ?? [],
            SubmittedAt = SubmittedAt, ReviewerOrganizationId = ReviewerOrganizationId, DecidedAt = DecidedAt,
            DecisionReason = DecisionReason, CertificateId = CertificateId,
        };
    }

    public const string ApplicationColumns = """
        id, enterprise_id, grade, status, evidence, submitted_at, reviewer_organization_id, decided_at, decision_reason, certificate_id
        """;

    private static readonly Sql ProfileSql = new("""
        select p.legal_name, p.credit_code, p.region_code, r.name_zh as region_name_zh,
            case when r.level = 'city' then r.parent_code else r.code end as province_code,
            p.address, p.founded_on, p.contact_name, p.contact_phone, p.contact_email, p.base_id, b.name_zh as base_name_zh,
            p.total_staff, p.mlps_level, p.iso27001, p.secure_facility, p.tools, p.row_version
        from enterprise_profiles p
        join regions r on r.code = p.region_code
        left join bases b on b.id = p.base_id
        where p.organization_id = @id
        """);

    private static readonly Sql CapabilitiesSql = new("""
        select modality, task_type from enterprise_capabilities where enterprise_id = @id order by modality, task_type
        """);
    private static readonly Sql DomainsSql = new("select domain_code from enterprise_domains where enterprise_id = @id order by domain_code");
    private static readonly Sql TalentSql = new("select skill_level, annotators from enterprise_talent where enterprise_id = @id");
    private static readonly Sql CertificatesSql = new("""
        select id, number, grade, status, issued_on, expires_on, status_reason, supervising_region_code, row_version as version
        from certificates where enterprise_id = @id
        """);
    private static readonly Sql DesignationsSql = new("""
        select designation, granted_on, grant_reason from enterprise_designations where enterprise_id = @id and withdrawn_on is null order by designation
        """);
    private static readonly Sql ApplicationsSql = new($"select {ApplicationColumns} from certification_applications where enterprise_id = @id order by submitted_at desc");

    private static readonly Sql DeleteSql = new("delete from enterprise_directory where enterprise_id = @id");

    private static readonly Sql InsertSql = new("""
        insert into enterprise_directory (enterprise_id, legal_name, credit_code, region_code, region_name_zh, province_code, base_id,
            base_name_zh, total_staff, annotators, senior_annotators, mlps_level, iso27001, secure_facility, clearance, certificate_id,
            certificate_number, certificate_grade, certificate_status, certificate_expires_on, designations, capabilities, domains,
            quality_accepted_count, quality_mean_accuracy, version, updated_at)
        values (@id, @legalName, @creditCode, @regionCode, @regionNameZh, @provinceCode, @baseId, @baseNameZh, @totalStaff, @annotators,
            @seniorAnnotators, @mlpsLevel, @iso27001, @secureFacility, @clearance, @certificateId, @certificateNumber, @certificateGrade,
            @certificateStatus, @certificateExpiresOn, @designations, @capabilities, @domains, @qualityAcceptedCount, @qualityMeanAccuracy,
            @version, @now)
        """);

    private static readonly Sql BaseCountsSql = new("""
        update base_directory set enterprise_count = (select count(*) from enterprise_profiles p where p.base_id = base_directory.id)
        """);
}
