using MediatR;
using Registry.Application.Common;

namespace Registry.Application.Demands;

/// <summary>A published demand's amendment history, oldest first (anyone; a draft has none to show).</summary>
[Public]
public sealed record ListAmendments(Guid DemandId) : IQuery<IReadOnlyList<AmendmentView>>;

internal sealed class ListAmendmentsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListAmendments, IReadOnlyList<AmendmentView>>
{
    public async Task<IReadOnlyList<AmendmentView>> Handle(ListAmendments q, CancellationToken ct)
    {
        var demand = await DemandReads.SnapshotAsync(db, q.DemandId, ct) ?? throw new NotFound("demand", q.DemandId);
        caller.RequireSeen(DemandReads.Item(demand), "demand", q.DemandId);
        return await AmendmentReads.ListAsync(db, q.DemandId, ct);
    }
}
