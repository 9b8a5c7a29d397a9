using MediatR;
using Registry.Application.Common;
using Registry.Application.Common.Projections;
using Registry.Domain.Access;

namespace Registry.Application.Admin;

/// <summary>The outbox projections of this registry with their lag and, if an event stopped one, that event.</summary>
[AllowedFor(Roles.Admin)]
public sealed record ListProjections : IQuery<IReadOnlyList<ProjectionView>>;

internal sealed class ListProjectionsHandler(IReadDb db, Projector projector) : IRequestHandler<ListProjections, IReadOnlyList<ProjectionView>>
{
    public async Task<IReadOnlyList<ProjectionView>> Handle(ListProjections query, CancellationToken ct)
    {
        var states = await db.QueryAsync<ProjectionState>(ProjectionCursors.StatesSql, null, ct);
        var head = states.Count > 0 ? states[0].Head : await db.ScalarAsync<long>(HeadSql, null, ct);
        return projector.Names.Select(name => ProjectionView.Of(name, states.SingleOrDefault(s => s.Name == name), head)).ToList();
    }

    private static readonly Sql HeadSql = new("select coalesce(max(seq), 0) from outbox");
}
