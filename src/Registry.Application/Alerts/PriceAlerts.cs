using System.Globalization;
using Registry.Application.Common;
using Registry.Domain.Alerts;
using Registry.Domain.Demands;

namespace Registry.Application.Alerts;

/// <summary>
/// The market-price rule (<see cref="UnitPriceOutlier"/>) at closing, when the bids are opened: each eligible bid's unit price
/// against the median of the awards of the same modality and volume unit over the last 12 months. Never while bids are sealed.
/// </summary>
internal static class PriceAlerts
{
    public sealed record OpenedBid(Guid BidId, Guid EnterpriseId, string EnterpriseName, decimal Price, decimal UnitPrice);

    public static async Task RaiseFarBelowMedianAsync(IWriteDb db, RiskAlerts alerts, DemandSnapshot demand, IReadOnlyList<OpenedBid> eligible,
        DateTimeOffset now, CancellationToken ct)
    {
        if (eligible.Count == 0) return;
        var since = now.AddMonths(-UnitPriceOutlier.WindowMonths);
        var prior = (await db.QueryAsync<decimal>(PriorAwardsSql, new { demand.Modality, demand.VolumeUnit, since, now, demandId = demand.Id }, ct)).ToList();
        foreach (var bid in eligible)
        {
            if (UnitPriceOutlier.FarBelowMedian(bid.UnitPrice, prior) is not { } median) continue;
            var share = Math.Round(bid.UnitPrice / median, 4, MidpointRounding.AwayFromZero);
            await alerts.RaiseAsync(new RiskAlert(AlertTypes.BidFarBelowMedian, $"{AlertTypes.BidFarBelowMedian}:{bid.BidId}", demand.RegionCode, "demand",
                demand.Id.ToString(), demand.Title,
                string.Create(CultureInfo.InvariantCulture, $"Demand {demand.Number} ({demand.Title}): {bid.EnterpriseName} bid {bid.UnitPrice:0.00} CNY per {demand.VolumeUnit}, {share:P0} of the 12-month median {median:0.00} of {prior.Count} {demand.Modality} awards."),
                string.Create(CultureInfo.InvariantCulture, $"需求{demand.Number}（{demand.Title}）：{bid.EnterpriseName}单价报价{bid.UnitPrice:0.00}元/{demand.VolumeUnit}，仅为近12个月{prior.Count}个同类（{demand.Modality}）成交单价中位数{median:0.00}元的{share * 100:0.#}%。"),
                new
                {
                    demand = $"/api/v1/demands/{demand.Id}", bidId = bid.BidId, enterpriseId = bid.EnterpriseId, enterprise = $"/api/v1/enterprises/{bid.EnterpriseId}",
                    bid.Price, bid.UnitPrice, demand.Modality, demand.VolumeUnit, median, share, priorAwards = prior.Count,
                    windowMonths = UnitPriceOutlier.WindowMonths, farBelowShare = UnitPriceOutlier.FarBelowShare,
                    minimumPriorAwards = UnitPriceOutlier.MinimumPriorAwards,
                }), now, ct);
        }
    }

    // The winning bids' unit prices: an award is the price the market actually paid.
    private static readonly Sql PriorAwardsSql = new("""
        select b.unit_price
        from contracts c join bids b on b.id = c.bid_id join demands d on d.id = c.demand_id
        where c.status <> 'annulled' and d.modality = @modality and d.volume_unit = @volumeUnit and c.awarded_at >= @since and c.awarded_at < @now and c.demand_id <> @demandId
        """);
}
