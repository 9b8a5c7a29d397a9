using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Identifiers;
using Registry.Domain.Regions;

namespace Registry.Application.Organizations;

/// <summary>The operator corrects an organization or deactivates it. The kind never changes.</summary>
[AllowedFor(Roles.Admin)]
public sealed record UpdateOrganization(Guid Id, string NameZh, string? NameEn, string RegionCode, string CreditCode,
    string? ContactEmail, bool Active, long ExpectedVersion) : ICommand<OrganizationView>;

public sealed class UpdateOrganizationValidator : AbstractValidator<UpdateOrganization>
{
    public UpdateOrganizationValidator()
    {
        RuleFor(x => x.NameZh).NotEmpty().Name(100);
        RuleFor(x => x.NameEn).Name(200);
        RuleFor(x => x.RegionCode).Must(RegionCode.IsWellFormed!).WithMessage("'regionCode' must be a GB/T 2260 code such as 510100 (000000 for national).");
        RuleFor(x => x.CreditCode).Custom((code, ctx) =>
        {
            if (UnifiedSocialCreditCode.Problem(code) is { } problem) ctx.AddFailure(problem);
        });
        RuleFor(x => x.ContactEmail).EmailAddress().PlainText(200).When(x => x.ContactEmail is not null);
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).WithMessage("Send the version you read as If-Match.");
    }
}

internal sealed class UpdateOrganizationHandler(IWriteDb db, IOutbox outbox, TimeProvider clock)
    : IRequestHandler<UpdateOrganization, OrganizationView>
{
    public async Task<OrganizationView> Handle(UpdateOrganization c, CancellationToken ct)
    {
        var current = await db.QuerySingleOrDefaultAsync<OrganizationView>(OrganizationSql.ById, new { c.Id }, ct)
            ?? throw new NotFound("organization", c.Id);
        if (current.Version != c.ExpectedVersion)
            throw new PreconditionFailed($"The organization is at version {current.Version}, not {c.ExpectedVersion}. Read it again.");
        await OrganizationRules.EnsureAsync(db, c.Id, c.RegionCode, c.CreditCode, ct);
        var updated = await db.ExecuteAsync(UpdateSql, new
        {
            c.Id, c.NameZh, c.NameEn, c.RegionCode, c.CreditCode, c.ContactEmail, c.Active, c.ExpectedVersion, now = clock.GetUtcNow(),
        }, ct);
        if (updated == 0) throw new PreconditionFailed("The organization changed while it was being updated. Read it again.");
        var view = (await db.QuerySingleOrDefaultAsync<OrganizationView>(OrganizationSql.ById, new { c.Id }, ct))!;
        outbox.Publish(new OutboxEvent("organization.updated", "organization", c.Id.ToString(), view));
        return view;
    }

    private static readonly Sql UpdateSql = new("""
        update organizations set name_zh = @nameZh, name_en = @nameEn, region_code = @regionCode, credit_code = @creditCode,
            contact_email = @contactEmail, active = @active, row_version = row_version + 1, updated_at = @now
        where id = @id and row_version = @expectedVersion
        """);
}
