using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Access;

/// <summary>The operator lists API clients, optionally of one organization.</summary>
[AllowedFor(Roles.Admin)]
public sealed record ListApiClients(Guid? OrganizationId, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<Page<ApiClientView>>, IPaged;

public sealed class ListApiClientsValidator : AbstractValidator<ListApiClients>
{
    public ListApiClientsValidator() => this.RulesForPaging();
}

internal sealed class ListApiClientsHandler(IReadDb db) : IRequestHandler<ListApiClients, Page<ApiClientView>>
{
    public async Task<Page<ApiClientView>> Handle(ListApiClients q, CancellationToken ct)
    {
        var filter = new { q.OrganizationId, offset = (q.Page - 1) * q.PageSize, limit = q.PageSize };
        return await db.PageAsync<ApiClientView>(CountSql, PageSql, filter, q, ct);
    }

    private static readonly Sql CountSql = new("select count(*) from api_clients c where (@organizationId is null or c.organization_id = @organizationId)");

    private static readonly Sql PageSql = new(d => $"""
        select c.client_id, c.organization_id, o.name_zh as organization_name_zh, c.display_name, c.active, c.created_at
        from api_clients c join organizations o on o.id = c.organization_id
        where (@organizationId is null or c.organization_id = @organizationId)
        order by c.client_id {d.Page}
        """);
}
