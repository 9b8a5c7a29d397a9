using FluentValidation;
using MediatR;
using Registry.Application.Catalog;
using Registry.Application.Access;
using Registry.Application.Common;
using Registry.Application.Enterprises;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Identifiers;
using Registry.Domain.Organizations;
using Registry.Domain.Regions;

namespace Registry.Application.Organizations;

/// <summary>
/// The operator, or a regulator whose jurisdiction covers both the old and the new region, changes an organization's legal
/// name, credit code or region (a part left out stays), with a reason. The change is kept in the organization's identity
/// history; an enterprise's profile and directory entry, and an agency's published catalog entries, follow it.
/// If-Match carries the organization's version.
/// </summary>
[AllowedFor(Roles.Admin, Roles.Regulator)]
public sealed record ChangeOrganizationIdentity(Guid Id, long ExpectedVersion, string? NameZh, string? CreditCode, string? RegionCode, string Reason)
    : ICommand<OrganizationView>;

public sealed class ChangeOrganizationIdentityValidator : AbstractValidator<ChangeOrganizationIdentity>
{
    public ChangeOrganizationIdentityValidator(RegionDirectory regions)
    {
        RuleFor(x => x.NameZh).NotEmpty().Name(100).When(x => x.NameZh is not null);
        RuleFor(x => x.CreditCode).Custom((code, ctx) =>
        {
            if (code is not null && UnifiedSocialCreditCode.Problem(code) is { } problem) ctx.AddFailure(Texts.Of(problem));
        });
        RuleFor(x => x.RegionCode).WellFormedRegion(regions).When(x => x.RegionCode is not null);
        RuleFor(x => x).Must(x => x.NameZh is not null || x.CreditCode is not null || x.RegionCode is not null).OverridePropertyName("nameZh")
            .WithMessage(_ => Texts.Get("validation.identity_empty"));
        RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class ChangeOrganizationIdentityHandler(IWriteDb db, IOutbox outbox, ICaller caller, AccessWithdrawal withdrawal,
    EnterpriseProjection projection, RegionDirectory regions, TimeProvider clock)
    : IRequestHandler<ChangeOrganizationIdentity, OrganizationView>
{
    public async Task<OrganizationView> Handle(ChangeOrganizationIdentity c, CancellationToken ct)
    {
        var current = await db.QuerySingleOrDefaultAsync<OrganizationView>(OrganizationReads.ById, new { c.Id }, ct)
            ?? throw new NotFound("organization", c.Id);
        caller.Require(VisibleItem.Organization(current.Id, current.RegionCode), Act.AsSupervisor, "organization", c.Id,
            "Only the operator and the regulators whose jurisdiction covers the organization change its identity.");
        var before = new OrganizationIdentity(current.NameZh, current.CreditCode, current.RegionCode);
        var after = before.With(c.NameZh, c.CreditCode, c.RegionCode);
        if (!caller.IsSystem && !OrganizationIdentity.MayChange(caller.Role!, caller.RegionCode, current.Kind, before.RegionCode, after.RegionCode))
            throw new Forbidden(current.Kind is Roles.Regulator or Roles.Admin
                ? "Only the operator changes the identity of a regulator or of the operator."
                : $"Moving an organization from {before.RegionCode} to {after.RegionCode} needs the operator or a regulator of both regions.");
        PreconditionFailed.ThrowIfStale("organization", current.Version, c.ExpectedVersion);
        if (after == before) throw new BusinessRuleException("identity_unchanged", "The organization already has this name, credit code and region.");
        if (current.Kind == Roles.Enterprise && after.RegionCode == RegionCode.National)
            throw ValidationFailed.For("regionCode", RegionRules.ProvinceOrCityProblemOf(regions, after.RegionCode)!);
        await OrganizationWrites.EnsureAsync(db, regions, c.Id, after.RegionCode, after.CreditCode, ct);

        var now = clock.GetUtcNow();
        var updated = await db.ExecuteAsync(UpdateSql, new { c.Id, after.NameZh, after.CreditCode, after.RegionCode, c.ExpectedVersion, now }, ct);
        if (updated == 0) throw new PreconditionFailed("The organization changed while it was being updated. Read it again.");
        await db.ExecuteAsync(HistorySql, new
        {
            id = Guid.CreateVersion7(), organizationId = c.Id, oldNameZh = before.NameZh, newNameZh = after.NameZh, oldCreditCode = before.CreditCode,
            newCreditCode = after.CreditCode, oldRegionCode = before.RegionCode, newRegionCode = after.RegionCode, c.Reason,
            changedByOrganizationId = caller.OrganizationId, changedBySubject = caller.Subject, now,
        }, ct);
        await FollowAsync(c.Id, current.Kind, before, after, now, ct);
        // Tokens carry the region they were issued under: a move ends them, so the next token carries the new jurisdiction.
        if (after.RegionCode != before.RegionCode) await withdrawal.OrganizationAsync(c.Id, now, ct);

        var view = (await db.QuerySingleOrDefaultAsync<OrganizationView>(OrganizationReads.ById, new { c.Id }, ct))!;
        outbox.Publish(new OrganizationIdentityChanged(c.Id, before, after, c.Reason));
        return view;
    }

    /// <summary>The copies of the identity kept elsewhere follow it in the same transaction.</summary>
    private async Task FollowAsync(Guid id, string kind, OrganizationIdentity before, OrganizationIdentity after, DateTimeOffset now, CancellationToken ct)
    {
        if (kind == Roles.Enterprise && await db.ExecuteAsync(ProfileSql, new { id, after.NameZh, after.CreditCode, after.RegionCode, now }, ct) > 0)
            await projection.RefreshAsync(id, ct);
        if (kind == Roles.Agency && after.NameZh != before.NameZh)
            foreach (var entry in await db.QueryAsync<Guid>(PublishedEntriesSql, new { id }, ct))
                await CatalogProjection.PublishAsync(db, entry, ct);
    }

    private static readonly Sql UpdateSql = new("""
        update organizations set name_zh = @nameZh, credit_code = @creditCode, region_code = @regionCode, row_version = row_version + 1,
            updated_at = @now
        where id = @id and row_version = @expectedVersion
        """);

    private static readonly Sql HistorySql = new("""
        insert into organization_identity_changes (id, organization_id, old_name_zh, new_name_zh, old_credit_code, new_credit_code,
            old_region_code, new_region_code, reason, changed_by_organization_id, changed_by_subject, changed_at)
        values (@id, @organizationId, @oldNameZh, @newNameZh, @oldCreditCode, @newCreditCode, @oldRegionCode, @newRegionCode, @reason,
            @changedByOrganizationId, @changedBySubject, @now)
        """);

    private static readonly Sql ProfileSql = new("""
        update enterprise_profiles set legal_name = @nameZh, credit_code = @creditCode, region_code = @regionCode, row_version = row_version + 1,
            updated_at = @now
        where organization_id = @id
        """);

    private static readonly Sql PublishedEntriesSql = new("""
        select id from catalog_entries where agency_id = @id and status = 'published' and published_version is not null
        """);
}
