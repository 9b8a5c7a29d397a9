using MediatR;
using Registry.Application.Common;

namespace Registry.Application.Demands;

/// <summary>One demand: published ones for everyone, drafts only for their agency.</summary>
[Public]
public sealed record GetDemand(Guid Id) : IQuery<DemandView>;

internal sealed class GetDemandHandler(IReadDb db, ICaller caller) : IRequestHandler<GetDemand, DemandView>
{
    public async Task<DemandView> Handle(GetDemand q, CancellationToken ct)
    {
        var demand = await DemandReads.FindAsync(db, q.Id, ct) ?? throw new NotFound("demand", q.Id);
        caller.RequireSeen(DemandReads.Item(demand), "demand", q.Id);
        return demand;
    }
}
