using Registry.Application.Common;

namespace Registry.Application.Access;

/// <summary>Reads one API client as the operator sees it; what the client commands share.</summary>
internal static class ApiClientReads
{
    public static async Task<ApiClientView> ViewAsync(IQueryDb db, string clientId, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<ApiClientView>(ViewSql, new { clientId }, ct) ?? throw new NotFound("API client", clientId);

    private static readonly Sql ViewSql = new("""
        select c.client_id, c.organization_id, o.name_zh as organization_name_zh, c.display_name, c.active, c.created_at
        from api_clients c join organizations o on o.id = c.organization_id
        where c.client_id = @clientId
        """);
}
