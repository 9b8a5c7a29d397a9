using FluentValidation;
using MediatR;
using Registry.Application.Access;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Organizations;

namespace Registry.Application.Organizations;

/// <summary>
/// The operator corrects an organization's English name and contact, or deactivates it. The kind never changes; the name,
/// credit code and region may be repeated (or left out) but change only through <see cref="ChangeOrganizationIdentity"/>.
/// </summary>
[AllowedFor(Roles.Admin)]
public sealed record UpdateOrganization(Guid Id, string? NameZh, string? NameEn, string? RegionCode, string? CreditCode,
    string? ContactEmail, bool Active, long ExpectedVersion) : ICommand<OrganizationView>;

public sealed class UpdateOrganizationValidator : AbstractValidator<UpdateOrganization>
{
    public UpdateOrganizationValidator()
    {
        // Identity fields may be repeated or left out; the handler refuses another value and points to the identity change.
        RuleFor(x => x.NameZh).Name(100).When(x => x.NameZh is not null);
        RuleFor(x => x.RegionCode).PlainText(6).When(x => x.RegionCode is not null);
        RuleFor(x => x.CreditCode).PlainText(18).When(x => x.CreditCode is not null);
        RuleFor(x => x.NameEn).Name(200);
        RuleFor(x => x.ContactEmail).EmailAddress().PlainText(200).When(x => x.ContactEmail is not null);
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class UpdateOrganizationHandler(IWriteDb db, IOutbox outbox, AccessWithdrawal withdrawal, TimeProvider clock)
    : IRequestHandler<UpdateOrganization, OrganizationView>
{
    public async Task<OrganizationView> Handle(UpdateOrganization c, CancellationToken ct)
    {
        var current = await db.QuerySingleOrDefaultAsync<OrganizationView>(OrganizationReads.ById, new { c.Id }, ct)
            ?? throw new NotFound("organization", c.Id);
        PreconditionFailed.ThrowIfStale("organization", current.Version, c.ExpectedVersion);
        var registered = new OrganizationIdentity(current.NameZh, current.CreditCode, current.RegionCode);
        var changed = OrganizationIdentities.Mismatches(registered, c.NameZh ?? registered.NameZh, c.CreditCode ?? registered.CreditCode,
            c.RegionCode ?? registered.RegionCode, nameField: "nameZh");
        if (changed.Count > 0) throw new ValidationFailed(changed);
        var updated = await db.ExecuteAsync(UpdateSql, new
        {
            c.Id, c.NameEn, c.ContactEmail, c.Active, c.ExpectedVersion, now = clock.GetUtcNow(),
        }, ct);
        if (updated == 0) throw new PreconditionFailed("The organization changed while it was being updated. Read it again.");
        if (current.Active && !c.Active) await withdrawal.OrganizationAsync(c.Id, clock.GetUtcNow(), ct);
        var view = (await db.QuerySingleOrDefaultAsync<OrganizationView>(OrganizationReads.ById, new { c.Id }, ct))!;
        outbox.Publish(new OrganizationUpdated(view.Id, view.NameEn, view.Active));
        return view;
    }

    private static readonly Sql UpdateSql = new("""
        update organizations set name_en = @nameEn, contact_email = @contactEmail, active = @active, row_version = row_version + 1, updated_at = @now
        where id = @id and row_version = @expectedVersion
        """);
}
