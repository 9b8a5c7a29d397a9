using Registry.Application.Common;
using Registry.Application.Common.Projections;
using Registry.Domain.Enterprises;
using Registry.Domain.Time;

namespace Registry.Application.Statistics.Projections;

/// <summary>
/// Industry activity per region: per China-time month, the demands published and awarded (with the awarded value), the
/// enterprises registered and the certificates issued (<c>stats_region_month</c>); and the enterprises and certificates as
/// they stand, by region and status (<c>stats_enterprises</c>, <c>stats_certificates</c>). Flows stay in the region where
/// they happened; an enterprise that moves takes its certificates' current counts with it. Enterprises' base, talent, domains and
/// designations and the published catalog entries are kept as they stand too; the demand side is <see cref="DemandFlows"/>.
/// </summary>
public sealed class RegionActivityProjection(IWriteDb db) : IProjection
{
    private readonly DemandFlows _flows = new(db);

    public const string ProjectionName = "region-activity";

    public string Name => ProjectionName;

    public async Task ApplyAsync(StoredEvent e, CancellationToken ct)
    {
        // Publications and awards also keep the monthly totals of stats_region_month, which predate the finer flows.
        if (await _flows.ApplyAsync(e, ct) && e.Type is not ("demand.published" or "demand.awarded")) return;
        switch (e.Type)
        {
            case "enterprise.registered":
                var registered = e.Read<EnterpriseRegistered>();
                var region = Require(e, registered.RegionCode, "regionCode");
                await db.ExecuteAsync(InsertEnterpriseSql, new { enterpriseId = e.EntityGuid, regionCode = region, month = MonthOf(e) }, ct);
                await ProfileAsync(e.EntityGuid, registered, ct);
                await AddAsync(e, region, new Counts { EnterprisesRegistered = 1 }, ct);
                break;
            case "enterprise.updated":
                await ProfileAsync(e.EntityGuid, e.Read<EnterpriseRegistered>(), ct);
                break;
            case "designation.granted":
                await db.ExecuteAsync(GrantSql, new { enterpriseId = e.EntityGuid, designation = Require(e, e.Read<Designated>().Designation, "designation") }, ct);
                break;
            case "designation.withdrawn":
                await db.ExecuteAsync(WithdrawSql, new { enterpriseId = e.EntityGuid, designation = Require(e, e.Read<Designated>().Designation, "designation") }, ct);
                break;
            case "catalog.published":
                // A published version is never edited again (changes make a new version), so its region and domain are fixed facts.
                var entry = await db.QuerySingleOrDefaultAsync<CatalogVersion>(CatalogVersionSql, new { entryId = e.EntityGuid, e.Read<Published>().Version }, ct)
                    ?? throw new InvalidOperationException($"Event {e.Seq} ({e.Type}) concerns catalog entry {e.EntityId}, whose version does not exist.");
                await db.ExecuteAsync(DeleteCatalogSql, new { entryId = e.EntityGuid }, ct);
                await db.ExecuteAsync(InsertCatalogSql, new { entryId = e.EntityGuid, entry.RegionCode, entry.Domain, status = "published" }, ct);
                break;
            case "catalog.withdrawn":
                await db.ExecuteAsync(WithdrawCatalogSql, new { entryId = e.EntityGuid, status = "withdrawn" }, ct);
                break;
            case "organization.identity_changed":
                var changed = e.Read<IdentityChanged>();
                if (changed.Before?.RegionCode != changed.After?.RegionCode)
                {
                    var moved = new { enterpriseId = e.EntityGuid, regionCode = Require(e, changed.After?.RegionCode, "after.regionCode") };
                    await db.ExecuteAsync(MoveEnterpriseSql, moved, ct);
                    await db.ExecuteAsync(MoveCertificatesSql, moved, ct);
                }
                break;
            case "certificate.issued":
                await IssueAsync(e, ct);
                break;
            case "certificate.suspended" or "certificate.reinstated" or "certificate.active" or "certificate.revoked" or "certificate.expired":
                var status = e.Type switch
                {
                    "certificate.suspended" => CertificateStatus.Suspended,
                    // Reinstatement was first published as "certificate.active"; the typed event is "certificate.reinstated".
                    "certificate.reinstated" or "certificate.active" => CertificateStatus.Active,
                    "certificate.revoked" => CertificateStatus.Revoked,
                    _ => CertificateStatus.Expired,
                };
                if (await db.ExecuteAsync(SetCertificateStatusSql, new { certificateId = e.EntityGuid, status }, ct) == 0)
                    throw new InvalidOperationException($"Event {e.Seq} ({e.Type}) concerns certificate {e.EntityId}, which was never issued.");
                break;
            case "demand.published":
                await AddAsync(e, await DemandRegionAsync(e, ct), new Counts { DemandsPublished = 1 }, ct);
                break;
            case "demand.awarded":
                var value = e.Read<DemandAwarded>().Value ?? throw new InvalidOperationException($"Event {e.Seq} ({e.Type}) has no 'value'.");
                await AddAsync(e, await DemandRegionAsync(e, ct), new Counts { DemandsAwarded = 1, AwardedValue = value }, ct);
                break;
        }
    }

    public async Task ResetAsync(CancellationToken ct)
    {
        foreach (var sql in DemandFlows.ResetSql.Concat(ResetSql)) await db.ExecuteAsync(sql, null, ct);
    }

    // Events published before base, domains and talent rode along leave those as they were.
    private async Task ProfileAsync(Guid enterpriseId, EnterpriseRegistered profile, CancellationToken ct)
    {
        if (profile.Talent is null && profile.Domains is null && profile.BaseId is null) return;
        await db.ExecuteAsync(SetBaseSql, new { enterpriseId, profile.BaseId }, ct);
        await db.ExecuteAsync(DeleteTalentSql, new { enterpriseId }, ct);
        foreach (var (skillLevel, annotators) in profile.Talent ?? new Dictionary<string, int>())
            if (annotators > 0) await db.ExecuteAsync(InsertTalentSql, new { enterpriseId, skillLevel, annotators }, ct);
        await db.ExecuteAsync(DeleteDomainsSql, new { enterpriseId }, ct);
        foreach (var domain in (profile.Domains ?? []).Distinct(StringComparer.Ordinal))
            await db.ExecuteAsync(InsertDomainSql, new { enterpriseId, domain }, ct);
    }

    private async Task IssueAsync(StoredEvent e, CancellationToken ct)
    {
        var issued = e.Read<CertificateIssued>();
        var enterpriseId = issued.EnterpriseId ?? throw new InvalidOperationException($"Event {e.Seq} ({e.Type}) has no 'enterpriseId'.");
        var region = await db.QuerySingleOrDefaultAsync<string>(EnterpriseRegionSql, new { enterpriseId }, ct)
            ?? throw new InvalidOperationException($"Event {e.Seq} ({e.Type}) concerns enterprise {enterpriseId}, which was never registered.");
        // A new certificate replaces the current one in the same command, which publishes no event of its own for that.
        await db.ExecuteAsync(SupersedeSql, new
        {
            enterpriseId, superseded = CertificateStatus.Superseded, active = CertificateStatus.Active, suspended = CertificateStatus.Suspended,
        }, ct);
        await db.ExecuteAsync(InsertCertificateSql, new
        {
            certificateId = e.EntityGuid, enterpriseId, regionCode = region, grade = issued.Grade ?? 0, status = CertificateStatus.Active,
            month = MonthOf(e),
        }, ct);
        await AddAsync(e, region, new Counts { CertificatesIssued = 1 }, ct);
    }

    // A demand's region is fixed when it is drafted (no command changes it), so reading it gives the same answer on every rebuild.
    private async Task<string> DemandRegionAsync(StoredEvent e, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<string>(DemandRegionSql, new { id = e.EntityGuid }, ct)
        ?? throw new InvalidOperationException($"Event {e.Seq} ({e.Type}) concerns demand {e.EntityId}, which does not exist.");

    private async Task AddAsync(StoredEvent e, string regionCode, Counts counts, CancellationToken ct)
    {
        var month = MonthOf(e);
        await db.ExecuteAsync(EnsureMonthSql, new { regionCode, month }, ct);
        await db.ExecuteAsync(AddSql, new
        {
            regionCode, month, counts.DemandsPublished, counts.DemandsAwarded, counts.AwardedValue, counts.EnterprisesRegistered,
            counts.CertificatesIssued,
        }, ct);
    }

    private static string MonthOf(StoredEvent e) =>
        ChinaTime.DateOf(e.OccurredAt).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static string Require(StoredEvent e, string? value, string property) =>
        string.IsNullOrEmpty(value) ? throw new InvalidOperationException($"Event {e.Seq} ({e.Type}) has no '{property}'.") : value;

    private sealed record Counts
    {
        public int DemandsPublished { get; init; }
        public int DemandsAwarded { get; init; }
        public decimal AwardedValue { get; init; }
        public int EnterprisesRegistered { get; init; }
        public int CertificatesIssued { get; init; }
    }

    private sealed record EnterpriseRegistered(string? RegionCode, Guid? BaseId, IReadOnlyList<string>? Domains, Dictionary<string, int>? Talent);

    private sealed record Designated(string? Designation);

    private sealed record Published(int Version);

    private sealed class CatalogVersion
    {
        public string RegionCode { get; init; } = "";
        public string Domain { get; init; } = "";
    }

    private static readonly Sql SetBaseSql = new("update stats_enterprises set base_id = @baseId where enterprise_id = @enterpriseId");

    private static readonly Sql DeleteTalentSql = new("delete from stats_enterprise_talent where enterprise_id = @enterpriseId");

    private static readonly Sql InsertTalentSql = new("""
        insert into stats_enterprise_talent (enterprise_id, skill_level, annotators) values (@enterpriseId, @skillLevel, @annotators)
        """);

    private static readonly Sql DeleteDomainsSql = new("delete from stats_enterprise_domains where enterprise_id = @enterpriseId");

    private static readonly Sql InsertDomainSql = new("insert into stats_enterprise_domains (enterprise_id, domain) values (@enterpriseId, @domain)");

    private static readonly Sql GrantSql = new("""
        insert into stats_enterprise_designations (enterprise_id, designation) select @enterpriseId, @designation
        where not exists (select 1 from stats_enterprise_designations where enterprise_id = @enterpriseId and designation = @designation)
        """);

    private static readonly Sql WithdrawSql = new("""
        delete from stats_enterprise_designations where enterprise_id = @enterpriseId and designation = @designation
        """);

    private static readonly Sql CatalogVersionSql = new("""
        select region_code, domain from catalog_entry_versions where entry_id = @entryId and version = @version
        """);

    private static readonly Sql DeleteCatalogSql = new("delete from stats_catalog where entry_id = @entryId");

    private static readonly Sql InsertCatalogSql = new("""
        insert into stats_catalog (entry_id, region_code, domain, status) values (@entryId, @regionCode, @domain, @status)
        """);

    private static readonly Sql WithdrawCatalogSql = new("update stats_catalog set status = @status where entry_id = @entryId");

    private sealed record RegionOf(string? RegionCode);

    private sealed record IdentityChanged(RegionOf? Before, RegionOf? After);

    private sealed record CertificateIssued(Guid? EnterpriseId, int? Grade);

    private sealed record DemandAwarded(decimal? Value);

    private static readonly Sql InsertEnterpriseSql = new("""
        insert into stats_enterprises (enterprise_id, region_code, registered_month) values (@enterpriseId, @regionCode, @month)
        """);

    private static readonly Sql MoveEnterpriseSql = new("update stats_enterprises set region_code = @regionCode where enterprise_id = @enterpriseId");

    private static readonly Sql MoveCertificatesSql = new("update stats_certificates set region_code = @regionCode where enterprise_id = @enterpriseId");

    private static readonly Sql EnterpriseRegionSql = new("select region_code from stats_enterprises where enterprise_id = @enterpriseId");

    private static readonly Sql SupersedeSql = new("""
        update stats_certificates set status = @superseded where enterprise_id = @enterpriseId and status in (@active, @suspended)
        """);

    private static readonly Sql InsertCertificateSql = new("""
        insert into stats_certificates (certificate_id, enterprise_id, region_code, grade, status, issued_month)
        values (@certificateId, @enterpriseId, @regionCode, @grade, @status, @month)
        """);

    private static readonly Sql SetCertificateStatusSql = new("update stats_certificates set status = @status where certificate_id = @certificateId");

    private static readonly Sql DemandRegionSql = new("select region_code from demands where id = @id");

    private static readonly Sql EnsureMonthSql = new("""
        insert into stats_region_month (region_code, month, demands_published, demands_awarded, awarded_value, enterprises_registered,
            certificates_issued)
        select @regionCode, @month, 0, 0, 0, 0, 0
        where not exists (select 1 from stats_region_month where region_code = @regionCode and month = @month)
        """);

    private static readonly Sql AddSql = new("""
        update stats_region_month set demands_published = demands_published + @demandsPublished,
            demands_awarded = demands_awarded + @demandsAwarded, awarded_value = awarded_value + @awardedValue,
            enterprises_registered = enterprises_registered + @enterprisesRegistered, certificates_issued = certificates_issued + @certificatesIssued
        where region_code = @regionCode and month = @month
        """);

    private static readonly Sql[] ResetSql =
    [
        new("delete from stats_enterprise_talent"),
        new("delete from stats_enterprise_domains"),
        new("delete from stats_enterprise_designations"),
        new("delete from stats_catalog"),
        new("delete from stats_region_month"),
        new("delete from stats_certificates"),
        new("delete from stats_enterprises"),
    ];
}
