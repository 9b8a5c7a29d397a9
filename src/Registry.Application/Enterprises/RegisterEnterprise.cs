using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;
using Registry.Domain.Regions;
using Registry.Domain;

namespace Registry.Application.Enterprises;

/// <summary>An enterprise's user registers the enterprise's profile (once; later changes are updates).</summary>
[AllowedFor(Roles.Enterprise)]
public sealed record RegisterEnterprise(string LegalName, string CreditCode, string RegionCode, string Address, DateOnly FoundedOn,
    EnterpriseContact Contact, Guid? BaseId, IReadOnlyList<Capability> Capabilities, IReadOnlyList<string> Domains,
    IReadOnlyDictionary<string, int> Talent, int TotalStaff, EnterpriseSecurity Security, IReadOnlyList<string> Tools)
    : ICommand<EnterpriseDetail>, IEnterpriseProfile;

public sealed class RegisterEnterpriseValidator(RegionDirectory regions) : EnterpriseProfileValidator<RegisterEnterprise>(regions);

internal sealed class RegisterEnterpriseHandler(IWriteDb db, EnterpriseProjection projection, IOutbox outbox, ICaller caller, TimeProvider clock)
    : IRequestHandler<RegisterEnterprise, EnterpriseDetail>
{
    public async Task<EnterpriseDetail> Handle(RegisterEnterprise c, CancellationToken ct)
    {
        var id = caller.RequireOrganization();
        if (await db.ScalarAsync<int>(EnterpriseProfileWrites.ExistsSql, new { id }, ct) > 0)
            throw new InvalidTransitionException("enterprise", "registered", "registered again; update its profile instead");
        await EnterpriseProfileWrites.EnsureReferencesAsync(db, id, c, ct);
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(InsertSql, EnterpriseProfileWrites.Row(id, c, now), ct);
        await EnterpriseProfileWrites.WriteChildrenAsync(db, id, c, ct);
        await projection.RefreshAsync(id, ct);
        outbox.Publish(new EnterpriseRegistered(id, c.LegalName, c.CreditCode, c.RegionCode, c.BaseId, c.Domains, c.Talent));
        return await EnterpriseReads.DetailAsync(db, id, ct, restricted: false);
    }

    private static readonly Sql InsertSql = new("""
        insert into enterprise_profiles (organization_id, legal_name, credit_code, region_code, address, founded_on, contact_name,
            contact_phone, contact_email, base_id, total_staff, mlps_level, iso27001, secure_facility, tools, row_version, created_at, updated_at)
        select o.id, o.name_zh, o.credit_code, o.region_code, @address, @foundedOn, @contactName, @contactPhone, @contactEmail, @baseId,
            @totalStaff, @mlpsLevel, @iso27001, @secureFacility, @tools, 1, @now, @now
        from organizations o where o.id = @id
        """);
}
