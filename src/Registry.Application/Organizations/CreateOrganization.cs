using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Identifiers;
using Registry.Domain.Organizations;
using Registry.Domain.Regions;

namespace Registry.Application.Organizations;

/// <summary>The operator registers an organization of any kind.</summary>
[AllowedFor(Roles.Admin)]
public sealed record CreateOrganization(string NameZh, string? NameEn, string Kind, string RegionCode, string CreditCode,
    string? ContactEmail) : ICommand<OrganizationView>;

public sealed class CreateOrganizationValidator : AbstractValidator<CreateOrganization>
{
    public CreateOrganizationValidator(RegionDirectory regions)
    {
        RuleFor(x => x.NameZh).NotEmpty().Name(100);
        RuleFor(x => x.NameEn).Name(200);
        RuleFor(x => x.Kind).Must(Roles.IsKnown).WithMessage(_ => Texts.Format("validation.must_be_one_of", "kind", string.Join(", ", Roles.All)));
        RuleFor(x => x.RegionCode).WellFormedRegion(regions);
        RuleFor(x => x.CreditCode).Custom((code, ctx) =>
        {
            if (UnifiedSocialCreditCode.Problem(code) is { } problem) ctx.AddFailure(Texts.Of(problem));
        });
        RuleFor(x => x.ContactEmail).EmailAddress().PlainText(200).When(x => x.ContactEmail is not null);
    }
}

internal sealed class CreateOrganizationHandler(IWriteDb db, IOutbox outbox, RegionDirectory regions, TimeProvider clock)
    : IRequestHandler<CreateOrganization, OrganizationView>
{
    public async Task<OrganizationView> Handle(CreateOrganization c, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await OrganizationWrites.EnsureAsync(db, regions, id, c.RegionCode, c.CreditCode, ct);
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(OrganizationWrites.InsertSql, new
        {
            id, c.NameZh, c.NameEn, c.Kind, c.RegionCode, c.CreditCode, c.ContactEmail, active = true, now,
        }, ct);
        var view = (await db.QuerySingleOrDefaultAsync<OrganizationView>(OrganizationReads.ById, new { id }, ct))!;
        outbox.Publish(new OrganizationCreated(view.Id, view.Kind, new OrganizationIdentity(view.NameZh, view.CreditCode, view.RegionCode)));
        return view;
    }
}
