using MediatR;
using Registry.Application.Common;
using Registry.Domain.Demands;

namespace Registry.Application.Demands;

/// <summary>A ranked bid in the result notice: the bidder, its price and its total score.</summary>
public sealed record NoticeRankingView(int Rank, string EnterpriseNameZh, decimal Price, decimal? TotalScore);

/// <summary>The result notice (中标结果公示) of an awarded demand.</summary>
public sealed record ResultNoticeView
{
    public required Guid DemandId { get; init; }
    public string? Number { get; init; }
    public required string Title { get; init; }
    public required string AgencyNameZh { get; init; }
    public required DateTimeOffset AwardedAt { get; init; }
    public required string ContractNumber { get; init; }
    public required Guid WinnerId { get; init; }
    public required string WinnerNameZh { get; init; }
    public required string WinnerCreditCode { get; init; }
    public required decimal Price { get; init; }

    /// <summary>The winner's rank in the evaluation; not 1 when the agency awarded another bid, with its reason.</summary>
    public required int WinnerRank { get; init; }

    public string? Reason { get; init; }

    /// <summary>The evaluation method: lowest_price or comprehensive, with its weights.</summary>
    public required EvaluationMethod Method { get; init; }

    /// <summary>Every eligible bid in rank order, with its bidder, price and total score.</summary>
    public required IReadOnlyList<NoticeRankingView> Ranking { get; init; }

    /// <summary>The end of the publicity period: bidders may challenge the result until then (UTC; the period is counted in China time).</summary>
    public required DateTimeOffset PublicityEndsAt { get; init; }
}

/// <summary>
/// The public result notice once a demand is awarded: winner, price, the ranking with every eligible bidder's price and total
/// score, the evaluation method, and the publicity period (<see cref="BiddingOptions.PublicityPeriod"/>) during which the
/// result may be challenged. Before the award there is none (404): nothing of the bids is public before it.
/// </summary>
[Public]
public sealed record GetResultNotice(Guid DemandId) : IQuery<ResultNoticeView>;

internal sealed class GetResultNoticeHandler(IReadDb db, BiddingOptions bidding) : IRequestHandler<GetResultNotice, ResultNoticeView>
{
    public async Task<ResultNoticeView> Handle(GetResultNotice q, CancellationToken ct)
    {
        var award = await db.QuerySingleOrDefaultAsync<AwardRow>(AwardSql, new { q.DemandId }, ct) ?? throw new NotFound("result notice", q.DemandId);
        var evaluation = await EvaluationReads.FindAsync(db, q.DemandId, ct) ?? throw new NotFound("result notice", q.DemandId);
        return new ResultNoticeView
        {
            DemandId = q.DemandId, Number = award.Number, Title = award.Title, AgencyNameZh = award.AgencyNameZh, AwardedAt = award.AwardedAt,
            ContractNumber = award.ContractNumber, WinnerId = award.WinnerId, WinnerNameZh = award.WinnerNameZh, WinnerCreditCode = award.WinnerCreditCode,
            Price = award.Price, WinnerRank = award.WinnerRank, Reason = award.Reason, Method = evaluation.Method,
            Ranking = evaluation.Bids.Where(b => b.Eligible && b.Rank is not null).OrderBy(b => b.Rank)
                .Select(b => new NoticeRankingView(b.Rank!.Value, b.EnterpriseNameZh, b.Price, b.Score?.Total)).ToList(),
            PublicityEndsAt = award.AwardedAt + bidding.PublicityPeriod,
        };
    }

    private sealed record AwardRow
    {
        public string? Number { get; init; }
        public string Title { get; init; } = "";
        public string AgencyNameZh { get; init; } = "";
        public DateTimeOffset AwardedAt { get; init; }
        public string ContractNumber { get; init; } = "";
        public Guid WinnerId { get; init; }
        public string WinnerNameZh { get; init; } = "";
        public string WinnerCreditCode { get; init; } = "";
        public decimal Price { get; init; }
        public int WinnerRank { get; init; }
        public string? Reason { get; init; }
    }

    private static readonly Sql AwardSql = new("""
        select d.number, d.title, a.name_zh as agency_name_zh, c.awarded_at, c.number as contract_number, c.enterprise_id as winner_id,
            w.name_zh as winner_name_zh, w.credit_code as winner_credit_code, c.contract_value as price, c.bid_rank as winner_rank, c.award_reason as reason
        from contracts c
        join demands d on d.id = c.demand_id
        join organizations a on a.id = d.agency_id
        join organizations w on w.id = c.enterprise_id
        where c.demand_id = @demandId and c.status <> 'annulled'
        """);
}
