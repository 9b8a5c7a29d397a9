using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Alerts;

/// <summary>A risk alert (风险预警) raised for a region.</summary>
public sealed record AlertView
{
    public required Guid Id { get; init; }
    public required string Type { get; init; }
    public required string RegionCode { get; init; }
    public required string EntityType { get; init; }
    public required string EntityId { get; init; }
    public required string Message { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset RaisedAt { get; init; }
}

/// <summary>Regulators list the alerts of their jurisdiction (admins: all).</summary>
[AllowedFor(Roles.Regulator, Roles.Admin)]
public sealed record ListAlerts(string? Type, int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<Page<AlertView>>, IPaged;

public sealed class ListAlertsValidator : AbstractValidator<ListAlerts>
{
    public ListAlertsValidator()
    {
        this.RulesForPaging();
        RuleFor(x => x.Type).PlainText(40);
    }
}

internal sealed class ListAlertsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListAlerts, Page<AlertView>>
{
    public async Task<Page<AlertView>> Handle(ListAlerts q, CancellationToken ct)
    {
        var filter = new { q.Type, scope = caller.ListScope(), offset = (q.Page - 1) * q.PageSize, limit = q.PageSize };
        return await db.PageAsync<AlertView>(CountSql, PageSql, filter, q, ct);
    }

    private static readonly string Where = $"""
        where (@type is null or a.type = @type)
          and {RegionScope.Sql("a.region_code")}
        """;

    private static readonly Sql CountSql = new($"select count(*) from alerts a {Where}");

    private static readonly Sql PageSql = new(d => $"""
        select a.id, a.type, a.region_code, a.entity_type, a.entity_id, a.message, a.status, a.raised_at
        from alerts a {Where}
        order by a.raised_at desc, a.id {d.Page}
        """);
}
