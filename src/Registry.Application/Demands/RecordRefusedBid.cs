using System.Globalization;
using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Alerts;

namespace Registry.Application.Demands;

/// <summary>
/// Counts a bid the registry refused because the enterprise's certificate grade or security clearance is below the demand's
/// (<see cref="BidAboveStanding"/>); the third such refusal within 30 days raises one <c>bid_above_standing</c> alert for the
/// enterprise. Sent by the pipeline after <see cref="SubmitBid"/>'s refused transaction rolled back, never over HTTP; it is a
/// step of that bid under its <c>Idempotency-Key</c>, so a retried refusal is counted once. Answers the refusals in the window.
/// </summary>
[AllowedFor(Roles.Enterprise)]
public sealed record RecordRefusedBid(Guid DemandId) : ICommand<int>, ICommandStep
{
    public string Step => "refused-bid";
}

internal sealed class RecordRefusedBidHandler(IWriteDb db, IOutbox outbox, RiskAlerts alerts, ICaller caller, TimeProvider clock)
    : IRequestHandler<RecordRefusedBid, int>
{
    public async Task<int> Handle(RecordRefusedBid c, CancellationToken ct)
    {
        var enterpriseId = caller.RequireOrganization();
        var demand = await DemandReads.SnapshotAsync(db, c.DemandId, ct) ?? throw new NotFound("demand", c.DemandId);
        // The refusal is checked again here: only a refusal for grade or clearance is counted, whatever the sender says.
        var above = (await EligibilityReads.ProblemsAsync(db, demand, enterpriseId, clock, ct)).Where(p => BidAboveStanding.Counts(p.Code)).ToList();
        if (above.Count == 0) return 0;
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(InsertSql, new
        {
            id = Guid.CreateVersion7(), enterpriseId, demandId = c.DemandId, code = above[0].Code,
            reason = string.Join(" ", above.Select(p => p.Message)), now,
        }, ct);
        outbox.Concerning("enterprise", enterpriseId.ToString());
        var since = now.AddDays(-BidAboveStanding.WindowDays);
        var attempts = (await db.QueryAsync<Attempt>(AttemptsSql, new { enterpriseId, since }, ct)).ToList();
        if (!BidAboveStanding.Reached(attempts.Count)) return attempts.Count;

        var enterprise = (await db.QuerySingleOrDefaultAsync<Enterprise>(EnterpriseSql, new { enterpriseId }, ct))!;
        await alerts.RaiseAsync(new RiskAlert(AlertTypes.BidAboveStanding, $"{AlertTypes.BidAboveStanding}:{enterpriseId}", enterprise.RegionCode,
            "enterprise", enterpriseId.ToString(), enterprise.NameZh,
            string.Create(CultureInfo.InvariantCulture, $"{enterprise.NameZh} tried {attempts.Count} times within {BidAboveStanding.WindowDays} days to bid above its certificate grade or security clearance."),
            string.Create(CultureInfo.InvariantCulture, $"{enterprise.NameZh}在{BidAboveStanding.WindowDays}天内{attempts.Count}次试图超出其证书等级或安全保护能力投标。"),
            new
            {
                enterprise = $"/api/v1/enterprises/{enterpriseId}", threshold = BidAboveStanding.Threshold, windowDays = BidAboveStanding.WindowDays,
                attempts = attempts.Select(a => new { demand = $"/api/v1/demands/{a.DemandId}", a.DemandId, a.Code, a.AttemptedAt }),
            }), now, ct);
        return attempts.Count;
    }

    private sealed class Attempt
    {
        public Guid DemandId { get; init; }
        public string Code { get; init; } = "";
        public DateTimeOffset AttemptedAt { get; init; }
    }

    private sealed class Enterprise
    {
        public string NameZh { get; init; } = "";
        public string RegionCode { get; init; } = "";
    }

    private static readonly Sql InsertSql = new("""
        insert into refused_bids (id, enterprise_id, demand_id, code, reason, attempted_at) values (@id, @enterpriseId, @demandId, @code, @reason, @now)
        """);

    private static readonly Sql AttemptsSql = new("""
        select demand_id, code, attempted_at from refused_bids where enterprise_id = @enterpriseId and attempted_at >= @since order by attempted_at
        """);

    private static readonly Sql EnterpriseSql = new("select name_zh, region_code from organizations where id = @enterpriseId");
}
