using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Users;

/// <summary>The operator lists accounts, optionally of one organization.</summary>
[AllowedFor(Roles.Admin)]
public sealed record ListUsers(Guid? OrganizationId, int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<Page<UserView>>, IPaged;

public sealed class ListUsersValidator : AbstractValidator<ListUsers>
{
    public ListUsersValidator() => this.RulesForPaging();
}

internal sealed class ListUsersHandler(IReadDb db) : IRequestHandler<ListUsers, Page<UserView>>
{
    public async Task<Page<UserView>> Handle(ListUsers q, CancellationToken ct)
    {
        var filter = new { q.OrganizationId, offset = (q.Page - 1) * q.PageSize, limit = q.PageSize };
        return await db.PageAsync<UserView>(CountSql, PageSql, filter, q, ct);
    }

    private static readonly Sql CountSql = new("select count(*) from users u where (@organizationId is null or u.organization_id = @organizationId)");

    private static readonly Sql PageSql = new(d => $"""
        {UserReads.Select} where (@organizationId is null or u.organization_id = @organizationId) order by u.username {d.Page}
        """);
}
