using Registry.Application.Common;
using Registry.Domain.Demands;
using Registry.Domain.Enterprises;

namespace Registry.Application.Enterprises;

/// <summary>
/// Keeps an enterprise's <c>enterprise_directory</c> row, and the enterprise counts of the bases it left and joined, in step
/// inside the command's transaction.
/// </summary>
internal sealed class EnterpriseProjection(IWriteDb db, TimeProvider clock)
{
    public async Task RefreshAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow(); // when the row was rebuilt; informational only
        var former = await db.QuerySingleOrDefaultAsync<FormerRow>(FormerSql, new { id }, ct);
        var formerBaseId = former?.BaseId;
        var d = await EnterpriseReads.DetailAsync(db, id, ct);
        var talent = new EnterpriseFacts(d.TotalStaff, d.Talent, d.Security.MlpsLevel, d.Security.Iso27001, d.Security.SecureFacility);
        var capabilityBits = DirectoryBits.OfCapabilities(d.Capabilities.Select(c => (c.Modality, c.TaskType)));
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
            domains = "," + string.Join(',', d.Domains) + ",",
            // The detail lists the designations not withdrawn: a withdrawal refreshes this row, so the bits need no date.
            designationBits = DirectoryBits.OfDesignations(d.Designations.Select(x => x.Designation)),
            capabilityBitsLo = capabilityBits.Lo, capabilityBitsHi = capabilityBits.Hi, domainBits = DirectoryBits.OfDomains(d.Domains),
            qualityAcceptedCount = d.Quality.AcceptedCount, qualityMeanAccuracy = d.Quality.MeanAccuracy,
            qualityBlend = QualityBlend.Unbarred(d.Quality.Overall),
            d.Version, now,
        }, ct);
        if (former?.LegalName != d.LegalName)
        {
            // The grams of the former name go (a gram row the name no longer has would only make the search test it in vain), and
            // the new name's come.
            if (former is not null)
                await db.ExecuteAsync(DeleteGramsSql, new { id, grams = DirectoryNameGrams.Of(former.LegalName).ToArray() }, ct);
            foreach (var gram in DirectoryNameGrams.Of(d.LegalName)) await db.ExecuteAsync(InsertGramSql, new { gram, id }, ct);
        }
        if (formerBaseId is not null || d.BaseId is not null)
            await db.ExecuteAsync(BaseCountsSql, new { formerBaseId, baseId = d.BaseId }, ct);
    }

    private sealed class FormerRow
    {
        public Guid? BaseId { get; init; }
        public string LegalName { get; init; } = "";
    }

    // The directory row still names the base the enterprise belonged to, and the name it had, before this change.
    private static readonly Sql FormerSql = new("select base_id, legal_name from enterprise_directory where enterprise_id = @id");

    // By the former name's grams: the table's key starts with the gram.
    private static readonly Sql DeleteGramsSql = new(d => $"delete from enterprise_name_grams where enterprise_id = @id and {d.InList("gram", "@grams")}");

    private static readonly Sql InsertGramSql = new("insert into enterprise_name_grams (gram, enterprise_id) values (@gram, @id)");

    private static readonly Sql DeleteSql = new("delete from enterprise_directory where enterprise_id = @id");

    private static readonly Sql InsertSql = new("""
        insert into enterprise_directory (enterprise_id, legal_name, credit_code, region_code, region_name_zh, province_code, base_id,
            base_name_zh, total_staff, annotators, senior_annotators, mlps_level, iso27001, secure_facility, clearance, certificate_id,
            certificate_number, certificate_grade, certificate_status, certificate_expires_on, designations, capabilities, domains,
            designation_bits, capability_bits_lo, capability_bits_hi, domain_bits, quality_accepted_count, quality_mean_accuracy, quality_blend, version, updated_at)
        values (@id, @legalName, @creditCode, @regionCode, @regionNameZh, @provinceCode, @baseId, @baseNameZh, @totalStaff, @annotators,
            @seniorAnnotators, @mlpsLevel, @iso27001, @secureFacility, @clearance, @certificateId, @certificateNumber, @certificateGrade,
            @certificateStatus, @certificateExpiresOn, @designations, @capabilities, @domains,
            @designationBits, @capabilityBitsLo, @capabilityBitsHi, @domainBits, @qualityAcceptedCount, @qualityMeanAccuracy,
            @qualityBlend, @version, @now)
        """);

    private static readonly Sql BaseCountsSql = new("""
        update base_directory set enterprise_count = (select count(*) from enterprise_profiles p where p.base_id = base_directory.id)
        where id = @formerBaseId or id = @baseId
        """);
}
