using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Demands;

/// <summary>
/// A demand's bidders' questions, oldest first: the agency sees every question without its asker, the regulators of the
/// demand's region see every question with its asker, an enterprise sees its own. To anyone else the list does not exist.
/// Everyone reads the answers as clarifications.
/// </summary>
[AllowedFor(Roles.Agency, Roles.Regulator, Roles.Enterprise, Roles.Admin)]
public sealed record ListQuestions(Guid DemandId) : IQuery<IReadOnlyList<QuestionView>>;

internal sealed class ListQuestionsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListQuestions, IReadOnlyList<QuestionView>>
{
    public async Task<IReadOnlyList<QuestionView>> Handle(ListQuestions q, CancellationToken ct)
    {
        var demand = await DemandReads.SnapshotAsync(db, q.DemandId, ct) ?? throw new NotFound("demand", q.DemandId);
        var sight = caller.RequireSeen(DemandReads.Item(demand), "demand", q.DemandId);
        if (caller.Role == Roles.Enterprise)
        {
            var mine = await db.QueryAsync<QuestionReads.Row>(QuestionReads.OfEnterpriseSql, new { q.DemandId, enterpriseId = caller.RequireOrganization() }, ct);
            return mine.Select(r => r.View(namingAsker: false)).ToList();
        }
        if (!sight.IsParty && !sight.IsSupervisor && !sight.IsOperator) throw new NotFound("demand", q.DemandId);
        var all = await db.QueryAsync<QuestionReads.Row>(QuestionReads.OfDemandSql, new { q.DemandId }, ct);
        // The agency never learns who asked: asking could tell it who means to bid, which sealed bidding keeps from it.
        return all.Select(r => r.View(namingAsker: !sight.IsParty)).ToList();
    }
}
