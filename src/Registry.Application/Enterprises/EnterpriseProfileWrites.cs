using System.Text.Json;
using Registry.Application.Common;
using Registry.Application.Organizations;
using Registry.Domain.Reference;

namespace Registry.Application.Enterprises;

/// <summary>The writes a registration and an update share.</summary>
internal static class EnterpriseProfileWrites
{
    public static readonly Sql ExistsSql = new("select count(*) from enterprise_profiles where organization_id = @id");

    /// <summary>The profile of an organization that has none; legal name, credit code and region are copied from the organization.</summary>
    public static readonly Sql InsertSql = new("""
        insert into enterprise_profiles (organization_id, legal_name, credit_code, region_code, address, founded_on, contact_name,
            contact_phone, contact_email, base_id, total_staff, mlps_level, iso27001, secure_facility, tools, row_version, created_at, updated_at)
        select o.id, o.name_zh, o.credit_code, o.region_code, @address, @foundedOn, @contactName, @contactPhone, @contactEmail, @baseId,
            @totalStaff, @mlpsLevel, @iso27001, @secureFacility, @tools, 1, @now, @now
        from organizations o where o.id = @id
        """);

    public static readonly Sql UpdateSql = new("""
        update enterprise_profiles set address = @address, founded_on = @foundedOn, contact_name = @contactName, contact_phone = @contactPhone, contact_email = @contactEmail,
            base_id = @baseId, total_staff = @totalStaff, mlps_level = @mlpsLevel, iso27001 = @iso27001, secure_facility = @secureFacility,
            tools = @tools, row_version = row_version + 1, updated_at = @now
        where organization_id = @id
        """);

    public static object Row(Guid id, IEnterpriseProfile p, DateTimeOffset now) => new
    {
        id, p.LegalName, p.CreditCode, p.RegionCode, p.Address, p.FoundedOn, contactName = p.Contact.Name, contactPhone = p.Contact.Phone,
        contactEmail = p.Contact.Email, p.BaseId, p.TotalStaff, mlpsLevel = p.Security.MlpsLevel, iso27001 = p.Security.Iso27001,
        secureFacility = p.Security.SecureFacility, tools = JsonSerializer.Serialize(p.Tools), now,
    };

    /// <summary>
    /// Name, credit code and region must be the organization's as the operator registered them (each difference a field
    /// error); the base must exist.
    /// </summary>
    public static async Task EnsureReferencesAsync(IWriteDb db, Guid id, IEnterpriseProfile p, CancellationToken ct)
    {
        var (registered, _) = await OrganizationIdentities.FindAsync(db, id, ct) ?? throw new NotFound("organization", id);
        var errors = OrganizationIdentities.Mismatches(registered, p.LegalName, p.CreditCode, p.RegionCode);
        if (errors.ContainsKey("creditCode") && await db.ScalarAsync<int>(CodeTakenSql, new { p.CreditCode, id }, ct) > 0)
            errors["creditCode"] = [$"The unified social credit code {p.CreditCode} is already registered to another organization."];
        if (p.BaseId is { } baseId && await db.ScalarAsync<int>(BaseExistsSql, new { baseId }, ct) == 0)
            errors["baseId"] = [$"No data labeling base with id {baseId}."];
        if (errors.Count > 0) throw new ValidationFailed(errors);
    }

    /// <summary>Capabilities, domains and talent; the organization's identity is never written from the profile.</summary>
    public static async Task WriteChildrenAsync(IWriteDb db, Guid id, IEnterpriseProfile p, CancellationToken ct)
    {
        await db.ExecuteAsync(DeleteCapabilitiesSql, new { id }, ct);
        foreach (var c in p.Capabilities.Distinct()) await db.ExecuteAsync(InsertCapabilitySql, new { id, c.Modality, c.TaskType }, ct);
        await db.ExecuteAsync(DeleteDomainsSql, new { id }, ct);
        foreach (var d in p.Domains.Distinct()) await db.ExecuteAsync(InsertDomainSql, new { id, domain = d }, ct);
        await db.ExecuteAsync(DeleteTalentSql, new { id }, ct);
        foreach (var level in SkillLevels.All)
            await db.ExecuteAsync(InsertTalentSql, new { id, level = level.Code, annotators = p.Talent.GetValueOrDefault(level.Code) }, ct);
    }

    private static readonly Sql BaseExistsSql = new("select count(*) from bases where id = @baseId");
    private static readonly Sql CodeTakenSql = new("""
        select count(*) from organizations where credit_code = @creditCode and id <> @id
        """);
    private static readonly Sql DeleteCapabilitiesSql = new("delete from enterprise_capabilities where enterprise_id = @id");
    private static readonly Sql InsertCapabilitySql = new("insert into enterprise_capabilities (enterprise_id, modality, task_type) values (@id, @modality, @taskType)");
    private static readonly Sql DeleteDomainsSql = new("delete from enterprise_domains where enterprise_id = @id");
    private static readonly Sql InsertDomainSql = new("insert into enterprise_domains (enterprise_id, domain_code) values (@id, @domain)");
    private static readonly Sql DeleteTalentSql = new("delete from enterprise_talent where enterprise_id = @id");
    private static readonly Sql InsertTalentSql = new("insert into enterprise_talent (enterprise_id, skill_level, annotators) values (@id, @level, @annotators)");
}
