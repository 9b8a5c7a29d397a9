using System.Text.Json;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;

namespace Registry.Application.Enterprises;

/// <summary>An enterprise's details as the directory shows them, read from the write model.</summary>
internal static class EnterpriseReads
{
    public static async Task<EnterpriseDetail> DetailAsync(IQueryDb db, Guid id, CancellationToken ct, bool restricted = true) =>
        await FindAsync(db, id, restricted, ct) ?? throw new NotFound("enterprise", id);

    /// <summary>The registered enterprise's region, which decides whose jurisdiction covers it; null when it has no profile.</summary>
    public static Task<string?> RegionAsync(IQueryDb db, Guid enterpriseId, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string>(RegionSql, new { enterpriseId }, ct);

    /// <summary>
    /// A registered enterprise the caller acts on as <paramref name="act"/> says: an unregistered one does not exist (404); the
    /// directory shows every registered one, so a caller without the standing is refused (403).
    /// </summary>
    public static async Task<string> RequireAsync(IQueryDb db, ICaller caller, Guid enterpriseId, Act act, string forbidden, CancellationToken ct)
    {
        var region = await RegionAsync(db, enterpriseId, ct) ?? throw new NotFound("enterprise", enterpriseId);
        caller.Require(VisibleItem.Enterprise(enterpriseId, region), act, "enterprise", enterpriseId, forbidden);
        return region;
    }

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
        var applications = restricted ? null : (await db.QueryAsync<CertificationReads.ApplicationRow>(ApplicationsSql, new { id }, ct)).Select(a => a.ToView()).ToList();
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
    private static readonly Sql ApplicationsSql = new($"select {CertificationReads.ApplicationColumns} from certification_applications where enterprise_id = @id order by submitted_at desc");

    private static readonly Sql RegionSql = new("select region_code from enterprise_profiles where organization_id = @enterpriseId");
}
