using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;
using Registry.Domain.Regions;

namespace Registry.Application.Enterprises;

/// <summary>The enterprise updates its profile; If-Match carries the version it read.</summary>
[AllowedFor(Roles.Enterprise)]
public sealed record UpdateEnterpriseProfile(Guid EnterpriseId, long ExpectedVersion, string LegalName, string CreditCode, string RegionCode,
    string Address, DateOnly FoundedOn, EnterpriseContact Contact, Guid? BaseId, IReadOnlyList<Capability> Capabilities,
    IReadOnlyList<string> Domains, IReadOnlyDictionary<string, int> Talent, int TotalStaff, EnterpriseSecurity Security,
    IReadOnlyList<string> Tools) : ICommand<EnterpriseDetail>, IEnterpriseProfile;

public sealed class UpdateEnterpriseProfileValidator : EnterpriseProfileValidator<UpdateEnterpriseProfile>
{
    public UpdateEnterpriseProfileValidator(RegionDirectory regions) : base(regions) =>
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
}

internal sealed class UpdateEnterpriseProfileHandler(IWriteDb db, EnterpriseProjection projection, IOutbox outbox, ICaller caller, TimeProvider clock)
    : IRequestHandler<UpdateEnterpriseProfile, EnterpriseDetail>
{
    public async Task<EnterpriseDetail> Handle(UpdateEnterpriseProfile c, CancellationToken ct)
    {
        await EnterpriseReads.RequireAsync(db, caller, c.EnterpriseId, Act.AsParty, "Only the enterprise itself updates its profile.", ct);
        var version = (await db.QuerySingleOrDefaultAsync<long?>(VersionSql, new { id = c.EnterpriseId }, ct))!.Value;
        PreconditionFailed.ThrowIfStale("profile", version, c.ExpectedVersion);
        await EnterpriseProfileWrites.EnsureReferencesAsync(db, c.EnterpriseId, c, ct);
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(EnterpriseProfileWrites.UpdateSql, EnterpriseProfileWrites.Row(c.EnterpriseId, c, now), ct);
        await EnterpriseProfileWrites.WriteChildrenAsync(db, c.EnterpriseId, c, ct);
        await projection.RefreshAsync(c.EnterpriseId, ct);
        outbox.Publish(new EnterpriseProfileUpdated(c.EnterpriseId, c.LegalName, c.BaseId, c.Domains, c.Talent));
        return await EnterpriseReads.DetailAsync(db, c.EnterpriseId, ct, restricted: false);
    }

    private static readonly Sql VersionSql = new("select row_version from enterprise_profiles where organization_id = @id");
}
