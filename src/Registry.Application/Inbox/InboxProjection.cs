using Registry.Application.Common;
using Registry.Application.Common.Projections;
using Registry.Domain.Alerts;
using Registry.Domain.Demands;
using Registry.Domain.Regions;

namespace Registry.Application.Inbox;

/// <summary>
/// Derives each organization's notices from the outbox (docs/demands.md, *Inbox*): an invitation to bid, a question answered,
/// bidding closed on a demand one bid on or published, the result for each bidder, a risk alert for the regulators whose
/// jurisdiction covers it and, for a certificate about to expire, its holder; a challenge filed (to the agency), answered (to the
/// challenger) and its complaint decided (to both); a contract signed (to the winner) and an award annulled (to every bidder whose
/// bid was opened). One notice per event and recipient, in event
/// order; each carries what a webhook would deliver (kind, subject, link, titles in both languages, when).
/// </summary>
public sealed class InboxProjection(IWriteDb db) : IProjection
{
    public const string ProjectionName = "inbox";

    public string Name => ProjectionName;

    private sealed record Recipient(Guid OrganizationId, string Kind, string TitleZh, string TitleEn);

    public async Task ApplyAsync(StoredEvent e, CancellationToken ct)
    {
        var (subjectType, subjectId, link, recipients) = e.Type switch
        {
            "demand.invitation_sent" => await InvitedAsync(e.Read<DemandInvitationSent>(), ct),
            "question.answered" => await AnsweredAsync(e.Read<QuestionAnswered>(), ct),
            "demand.closed" => await ClosedAsync(e.Read<DemandClosed>(), ct),
            "bid.won" when e.Read<BidWon>() is var won => await ResultAsync(won.DemandId, won.EnterpriseId, won: true, rank: 1, ct),
            "bid.lost" when e.Read<BidLost>() is var lost => await ResultAsync(lost.DemandId, lost.EnterpriseId, won: false, lost.Rank, ct),
            "alert.raised" => await AlertAsync(e.Read<AlertRaised>(), ct),
            "bid.needs_confirmation" => await ConfirmationAsync(e.Read<BidNeedsConfirmation>(), ct),
            "challenge.filed" => await ChallengeFiledAsync(e.Read<ChallengeFiled>(), ct),
            "challenge.answered" => await ChallengeAnsweredAsync(e.Read<ChallengeAnswered>(), ct),
            "complaint.decided" => await ComplaintDecidedAsync(e.Read<ComplaintDecided>(), ct),
            "contract.signed" => await SignedAsync(e.Read<ContractSigned>(), ct),
            "contract.annulled" => await AnnulledAsync(e.Read<ContractAnnulled>(), ct),
            _ => (null, null, null, (IReadOnlyList<Recipient>)[]),
        };
        foreach (var r in recipients)
            await db.ExecuteAsync(InsertSql, new
            {
                id = Guid.CreateVersion7(), organizationId = r.OrganizationId, kind = r.Kind, subjectType, subjectId, titleZh = Clip(r.TitleZh),
                titleEn = Clip(r.TitleEn), link, seq = e.Seq, occurredAt = e.OccurredAt,
            }, ct);
    }

    public Task ResetAsync(CancellationToken ct) => db.ExecuteAsync(ResetSql, null, ct);

    private static string Clip(string text) => text.Length <= 400 ? text : text[..399] + "…";

    private async Task<(string?, string?, string?, IReadOnlyList<Recipient>)> InvitedAsync(DemandInvitationSent e, CancellationToken ct)
    {
        var title = await TitleAsync(e.DemandId, ct);
        return Demand(e.DemandId, [new(e.EnterpriseId, "invitation", $"邀请投标：{title}", $"Invitation to bid: {title}")]);
    }

    private async Task<(string?, string?, string?, IReadOnlyList<Recipient>)> AnsweredAsync(QuestionAnswered e, CancellationToken ct)
    {
        var title = await TitleAsync(e.DemandId, ct);
        return Demand(e.DemandId, [new(e.EnterpriseId, "question_answered", $"您的询问已答复：{title}", $"Your question was answered: {title}")]);
    }

    private async Task<(string?, string?, string?, IReadOnlyList<Recipient>)> ConfirmationAsync(BidNeedsConfirmation e, CancellationToken ct)
    {
        var title = await TitleAsync(e.DemandId, ct);
        return Demand(e.DemandId, [new(e.EnterpriseId, "bid_needs_confirmation", $"需求已修改（第{e.Amendment}号），请在截止前确认或更新投标：{title}",
            $"The demand was amended (No. {e.Amendment}): confirm or replace your bid before the deadline: {title}")]);
    }

    private async Task<(string?, string?, string?, IReadOnlyList<Recipient>)> ClosedAsync(DemandClosed e, CancellationToken ct)
    {
        var title = await TitleAsync(e.DemandId, ct);
        var agency = await db.ScalarAsync<Guid>(AgencySql, new { id = e.DemandId }, ct);
        var bidders = await db.QueryAsync<Guid>(OpenedBiddersSql, new { demandId = e.DemandId }, ct);
        var (zh, en) = e.Status == DemandStatus.Unsuccessful
            ? ($"投标截止，有效投标不足，需求流标：{title}", $"Bidding closed without enough eligible bids: {title}")
            : ($"投标截止，已开标：{title}", $"Bidding closed and the bids were opened: {title}");
        return Demand(e.DemandId, [new(agency, "demand_closed", zh, en), .. bidders.Distinct().Select(b => new Recipient(b, "demand_closed", zh, en))]);
    }

    private async Task<(string?, string?, string?, IReadOnlyList<Recipient>)> ResultAsync(Guid demandId, Guid enterpriseId, bool won, int? rank,
        CancellationToken ct)
    {
        var title = await TitleAsync(demandId, ct);
        var (zh, en) = (won, rank) switch
        {
            (true, _) => ($"中标通知：{title}", $"Your bid won: {title}"),
            (false, { } r) => ($"未中标（排名第{r}）：{title}", $"Your bid was not awarded (ranked {r}): {title}"),
            _ => ($"需求未授标，投标作废：{title}", $"The demand was not awarded; your bid lapsed: {title}"),
        };
        return Demand(demandId, [new(enterpriseId, "result", zh, en)]);
    }

    private async Task<(string?, string?, string?, IReadOnlyList<Recipient>)> AlertAsync(AlertRaised e, CancellationToken ct)
    {
        var regions = RegionCode.Covering(e.RegionCode);
        var regulators = await db.QueryAsync<Guid>(RegulatorsSql, new { kind = "regulator", active = true, r0 = regions[0], r1 = regions[^2], r2 = regions[^1] }, ct);
        var (labelZh, labelEn) = AlertTypes.Names.GetValueOrDefault(e.Type, (e.Type, e.Type));
        var recipients = regulators.Select(r => new Recipient(r, "alert_raised", $"风险预警：{labelZh}", $"Risk alert: {labelEn}")).ToList();
        if (e.Type == AlertTypes.CertificateExpiring && Guid.TryParse(e.EntityId, out var certificate)
            && await db.ScalarAsync<Guid?>(CertificateHolderSql, new { id = certificate }, ct) is { } holder)
            recipients.Add(new Recipient(holder, "certificate_expiring", "您的标注企业证书即将到期", "Your labeling enterprise certificate is about to expire"));
        return ("alert", e.AlertId.ToString(), $"/api/v1/alerts/{e.AlertId}", recipients);
    }

    private async Task<(string?, string?, string?, IReadOnlyList<Recipient>)> ChallengeFiledAsync(ChallengeFiled e, CancellationToken ct)
    {
        var title = await TitleAsync(e.DemandId, ct);
        var agency = await db.ScalarAsync<Guid>(AgencySql, new { id = e.DemandId }, ct);
        var (zh, en) = e.Kind == ChallengeKind.Result ? ("采购结果", "result") : ("采购文件", "terms");
        return Challenge(e.ChallengeId, [new(agency, "challenge_filed", $"收到对{zh}的质疑：{title}", $"A challenge of the {en} was filed: {title}")]);
    }

    private async Task<(string?, string?, string?, IReadOnlyList<Recipient>)> ChallengeAnsweredAsync(ChallengeAnswered e, CancellationToken ct)
    {
        var title = await TitleAsync(e.DemandId, ct);
        return Challenge(e.ChallengeId, [new(e.EnterpriseId, "challenge_answered", $"您的质疑已答复：{title}", $"Your challenge was answered: {title}")]);
    }

    private async Task<(string?, string?, string?, IReadOnlyList<Recipient>)> ComplaintDecidedAsync(ComplaintDecided e, CancellationToken ct)
    {
        var title = await TitleAsync(e.DemandId, ct);
        var agency = await db.ScalarAsync<Guid>(AgencySql, new { id = e.DemandId }, ct);
        var challenger = await db.ScalarAsync<Guid>(ChallengerSql, new { id = e.ChallengeId }, ct);
        var (zh, en) = e.Upheld ? ("投诉成立", "upheld") : ("投诉驳回", "dismissed");
        return Challenge(e.ChallengeId, [new(challenger, "complaint_decided", $"{zh}：{title}", $"Complaint {en}: {title}"),
            new(agency, "complaint_decided", $"{zh}：{title}", $"Complaint {en}: {title}")]);
    }

    private async Task<(string?, string?, string?, IReadOnlyList<Recipient>)> SignedAsync(ContractSigned e, CancellationToken ct)
    {
        var title = await TitleAsync(e.DemandId, ct);
        return ("contract", e.ContractId.ToString(), $"/api/v1/contracts/{e.ContractId}",
            [new(e.EnterpriseId, "contract_signed", $"合同已签订，可以开始交付：{title}", $"The contract was signed; you may deliver: {title}")]);
    }

    private async Task<(string?, string?, string?, IReadOnlyList<Recipient>)> AnnulledAsync(ContractAnnulled e, CancellationToken ct)
    {
        var title = await TitleAsync(e.DemandId, ct);
        var bidders = await db.QueryAsync<Guid>(OpenedBiddersSql, new { demandId = e.DemandId }, ct);
        const string zh = "质疑成立，中标结果已撤销，需求将重新评审和授标", en = "A result challenge was upheld: the award was annulled and the demand will be evaluated and awarded again";
        return Demand(e.DemandId, [.. bidders.Distinct().Select(b => new Recipient(b, "award_annulled", $"{zh}：{title}", $"{en}: {title}"))]);
    }

    private static (string?, string?, string?, IReadOnlyList<Recipient>) Challenge(Guid challengeId, IReadOnlyList<Recipient> recipients) =>
        ("challenge", challengeId.ToString(), $"/api/v1/challenges/{challengeId}", recipients);

    private static (string?, string?, string?, IReadOnlyList<Recipient>) Demand(Guid demandId, IReadOnlyList<Recipient> recipients) =>
        ("demand", demandId.ToString(), $"/api/v1/demands/{demandId}", recipients);

    private Task<string> TitleAsync(Guid demandId, CancellationToken ct) => db.ScalarAsync<string>(TitleSql, new { id = demandId }, ct)!;

    private static readonly Sql TitleSql = new("select title from demands where id = @id");
    private static readonly Sql AgencySql = new("select agency_id from demands where id = @id");
    private static readonly Sql ChallengerSql = new("select enterprise_id from demand_challenges where id = @id");
    private static readonly Sql OpenedBiddersSql = new("select enterprise_id from bids where demand_id = @demandId and eligible is not null");
    private static readonly Sql RegulatorsSql = new("""
        select id from organizations where kind = @kind and active = @active and region_code in (@r0, @r1, @r2)
        """);
    private static readonly Sql CertificateHolderSql = new("select enterprise_id from certificates where id = @id");

    private static readonly Sql InsertSql = new("""
        insert into inbox_notices (id, organization_id, kind, subject_type, subject_id, title_zh, title_en, link, event_seq, occurred_at, read_at)
        values (@id, @organizationId, @kind, @subjectType, @subjectId, @titleZh, @titleEn, @link, @seq, @occurredAt, null)
        """);

    private static readonly Sql ResetSql = new("delete from inbox_notices");
}
