using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Demands;

/// <summary>
/// A demand's evaluation. The agency and the regulators whose jurisdiction covers the demand's region see every bid;
/// a bidder sees only its own row (with its rank); anyone else gets 404. Before the first evaluation: 404.
/// </summary>
[AllowedFor(Roles.Agency, Roles.Regulator, Roles.Enterprise, Roles.Admin)]
public sealed record GetEvaluation(Guid DemandId) : IQuery<EvaluationView>;

internal sealed class GetEvaluationHandler(IReadDb db, ICaller caller) : IRequestHandler<GetEvaluation, EvaluationView>
{
    public async Task<EvaluationView> Handle(GetEvaluation q, CancellationToken ct)
    {
        var demand = await DemandReads.SnapshotAsync(db, q.DemandId, ct) ?? throw new NotFound("demand", q.DemandId);
        var sight = caller.RequireSeen(DemandReads.Item(demand), "demand", q.DemandId);
        var evaluation = await EvaluationReads.FindAsync(db, q.DemandId, ct) ?? throw new NotFound("evaluation", q.DemandId);
        if (sight.Refuses(Act.AsPartyOrSupervisor) is null) return evaluation;
        if (caller.Role == Roles.Enterprise && evaluation.Bids.Where(b => b.EnterpriseId == caller.OrganizationId).ToList() is [_] own)
            return evaluation with { Bids = own };
        throw new NotFound("evaluation", q.DemandId);
    }
}
