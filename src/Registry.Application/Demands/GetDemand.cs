using MediatR;
using Registry.Application.Common;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>One demand: published ones for everyone, drafts only for their agency.</summary>
[Public]
public sealed record GetDemand(Guid Id) : IQuery<DemandView>;

internal sealed class GetDemandHandler(IReadDb db, ICaller caller) : IRequestHandler<GetDemand, DemandView>
{
    public async Task<DemandView> Handle(GetDemand q, CancellationToken ct)
    {
        var demand = await DemandReads.FindAsync(db, q.Id, ct);
        if (demand is null || (demand.Status == DemandStatus.Draft && demand.AgencyId != caller.OrganizationId)) throw new NotFound("demand", q.Id);
        return demand;
    }
}
