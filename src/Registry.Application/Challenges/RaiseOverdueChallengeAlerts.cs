using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Alerts;
using Registry.Domain.Demands;
using Registry.Domain.Time;

namespace Registry.Application.Challenges;

/// <summary>
/// The hourly check of challenge answers: each challenge still unanswered past its answer deadline raises one
/// <c>challenge_unanswered</c> alert for the regulators of the demand's region. Running it twice changes nothing; answers how many it raised.
/// </summary>
[AllowedFor(Roles.Admin)]
public sealed record RaiseOverdueChallengeAlerts : ICommand<int>;

internal sealed class RaiseOverdueChallengeAlertsHandler(IWriteDb db, RiskAlerts alerts, TimeProvider clock) : IRequestHandler<RaiseOverdueChallengeAlerts, int>
{
    public async Task<int> Handle(RaiseOverdueChallengeAlerts c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var raised = 0;
        foreach (var o in await db.QueryAsync<Overdue>(OverdueSql, new { filed = ChallengeStatus.Filed, now }, ct))
        {
            var due = ChinaTime.Format(o.AnswerDue);
            if (await alerts.RaiseAsync(new RiskAlert(AlertTypes.ChallengeUnanswered, $"{AlertTypes.ChallengeUnanswered}:{o.Id}", o.RegionCode, "demand",
                    o.DemandId.ToString(), $"{o.Number} {o.Title}",
                    $"{o.AgencyName} has not answered a challenge of the {o.Kind} of demand {o.Number} ({o.Title}) by {o.EnterpriseName}, due {due}.",
                    $"{o.AgencyName}未在{due}前答复{o.EnterpriseName}对需求{o.Number}（{o.Title}）{(o.Kind == ChallengeKind.Result ? "采购结果" : "采购文件")}提出的质疑。",
                    new
                    {
                        demand = $"/api/v1/demands/{o.DemandId}", challenge = $"/api/v1/challenges/{o.Id}", o.Kind, answerDue = o.AnswerDue,
                        answerDueChina = due, o.AgencyId, o.EnterpriseId,
                    }), now, ct))
                raised++;
        }
        return raised;
    }

    private sealed class Overdue
    {
        public Guid Id { get; init; }
        public Guid DemandId { get; init; }
        public string Number { get; init; } = "";
        public string Title { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public Guid AgencyId { get; init; }
        public string AgencyName { get; init; } = "";
        public Guid EnterpriseId { get; init; }
        public string EnterpriseName { get; init; } = "";
        public string Kind { get; init; } = "";
        public DateTimeOffset AnswerDue { get; init; }
    }

    private static readonly Sql OverdueSql = new("""
        select h.id, h.demand_id, d.number, d.title, d.region_code, d.agency_id, a.name_zh as agency_name, h.enterprise_id, e.name_zh as enterprise_name,
            h.kind, h.answer_due
        from demand_challenges h
        join demands d on d.id = h.demand_id
        join organizations a on a.id = d.agency_id
        join organizations e on e.id = h.enterprise_id
        where h.status = @filed and h.answer_due <= @now
        order by h.answer_due, h.id
        """);
}
