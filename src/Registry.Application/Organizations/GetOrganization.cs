using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Organizations;

/// <summary>
/// Reads one organization: the operator sees all, regulators and certifiers those in their jurisdiction,
/// everyone else only their own. What the caller may not see does not exist for it (404).
/// </summary>
[AllowedFor(Roles.Admin, Roles.Regulator, Roles.Certifier, Roles.Agency, Roles.Enterprise, Roles.Node)]
public sealed record GetOrganization(Guid Id) : IQuery<OrganizationView>;

internal sealed class GetOrganizationHandler(IReadDb db, ICaller caller) : IRequestHandler<GetOrganization, OrganizationView>
{
    public async Task<OrganizationView> Handle(GetOrganization q, CancellationToken ct)
    {
        var view = await db.QuerySingleOrDefaultAsync<OrganizationView>(OrganizationReads.ById, new { q.Id }, ct)
            ?? throw new NotFound("organization", q.Id);
        caller.RequireSeen(VisibleItem.Organization(view.Id, view.RegionCode), "organization", q.Id);
        return view;
    }
}
