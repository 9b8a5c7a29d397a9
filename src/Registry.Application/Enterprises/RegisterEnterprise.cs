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
        await db.ExecuteAsync(EnterpriseProfileWrites.InsertSql, EnterpriseProfileWrites.Row(id, c, now), ct);
        await EnterpriseProfileWrites.WriteChildrenAsync(db, id, c, ct);
        await projection.RefreshAsync(id, ct);
        outbox.Publish(new EnterpriseRegistered(id, c.LegalName, c.CreditCode, c.RegionCode, c.BaseId, c.Domains, c.Talent));
        return await EnterpriseReads.DetailAsync(db, id, ct, restricted: false);
    }
}
