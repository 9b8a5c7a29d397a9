using MediatR;
using Registry.Application.Common;

namespace Registry.Application.Demands;

/// <summary>The clarifications of a published demand, oldest first; everyone may read them.</summary>
[Public]
public sealed record ListClarifications(Guid DemandId) : IQuery<IReadOnlyList<ClarificationView>>;

internal sealed class ListClarificationsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListClarifications, IReadOnlyList<ClarificationView>>
{
    public async Task<IReadOnlyList<ClarificationView>> Handle(ListClarifications q, CancellationToken ct)
    {
        var demand = await DemandReads.SnapshotAsync(db, q.DemandId, ct) ?? throw new NotFound("demand", q.DemandId);
        caller.RequireSeen(DemandReads.Item(demand), "demand", q.DemandId);
        return await db.QueryAsync<ClarificationView>(ListSql, new { q.DemandId }, ct);
    }

    private static readonly Sql ListSql = new("""
        select id, demand_id, question, answer, published_at from demand_clarifications where demand_id = @demandId order by published_at, id
        """);
}
