using System.Globalization;
using Registry.Application.Common;
using Registry.Application.Common.Projections;
using Registry.Domain.Demands;
using Registry.Domain.Regions;
using Registry.Domain.Time;

namespace Registry.Application.Statistics.Projections;

/// <summary>
/// The demand side of <see cref="RegionActivityProjection"/>: each event of a published demand, its bids, contract and deliveries
/// adds to one row of <c>stats_demand_month</c> (the demand's city, the China-time month of the event, the demand's domain,
/// modality, unit and preferred base); awards also add to <c>stats_award_winners</c>. A demand's terms are fixed once it is
/// drafted, so they are read from <c>demands</c> once, at publication, into <c>stats_demands</c>; later events find them there.
/// Each flow also adds to <c>stats_demand_totals</c>, the same sums over all months and bases, which the overview reads.
/// Bids are counted only when they are opened (bid.eligible or bid.ineligible before the demand's demand.closed), never while sealed.
/// </summary>
internal sealed class DemandFlows(IWriteDb db)
{
    /// <summary>Applies the event if it is one of a demand's flows; answers whether it was.</summary>
    public async Task<bool> ApplyAsync(StoredEvent e, CancellationToken ct)
    {
        switch (e.Type)
        {
            case "demand.published":
                var terms = await db.QuerySingleOrDefaultAsync<Terms>(TermsSql, new { id = e.EntityGuid }, ct)
                    ?? throw new InvalidOperationException($"Event {e.Seq} ({e.Type}) concerns demand {e.EntityId}, which does not exist.");
                await db.ExecuteAsync(InsertDemandSql, new
                {
                    demandId = e.EntityGuid, terms.RegionCode, provinceCode = RegionCode.ProvinceOf(terms.RegionCode), terms.Domain, terms.Modality,
                    terms.VolumeUnit, baseId = terms.PreferredBaseId?.ToString() ?? "", terms.Volume, budget = terms.BudgetCeiling, opened = false,
                }, ct);
                await AddAsync(e, e.EntityGuid, new Flow { DemandsPublished = 1, BudgetPublished = terms.BudgetCeiling }, ct);
                return true;
            case "bid.eligible" or "bid.ineligible":
                // Reassessment at evaluation sends these again; only those before demand.closed are the opening of the bids.
                await db.ExecuteAsync(OpenBidSql, new { demandId = e.Read<OfDemand>().DemandId, opened = false }, ct);
                return true;
            case "demand.closed":
                var opened = await DemandAsync(e, e.EntityGuid, ct);
                var closed = e.Read<Closed>();
                await AddAsync(e, e.EntityGuid, new Flow
                {
                    DemandsOpened = 1, BidsOpened = opened.BidsOpened, DemandsUnsuccessful = closed.Status == DemandStatus.Unsuccessful ? 1 : 0,
                }, ct);
                await db.ExecuteAsync(MarkOpenedSql, new { demandId = e.EntityGuid, opened = true }, ct);
                return true;
            case "demand.invitation_sent":
                await AddAsync(e, e.EntityGuid, new Flow { InvitationsSent = 1 }, ct);
                return true;
            case "demand.awarded":
                var award = e.Read<Awarded>();
                var demand = await DemandAsync(e, e.EntityGuid, ct);
                var value = award.Value ?? throw new InvalidOperationException($"Event {e.Seq} ({e.Type}) has no 'value'.");
                var winner = award.EnterpriseId ?? throw new InvalidOperationException($"Event {e.Seq} ({e.Type}) has no 'enterpriseId'.");
                var contract = award.ContractId ?? throw new InvalidOperationException($"Event {e.Seq} ({e.Type}) has no 'contractId'.");
                await AddAsync(e, e.EntityGuid, new Flow { DemandsAwarded = 1, AwardedValue = value, AwardedVolume = demand.Volume }, ct);
                await db.ExecuteAsync(InsertContractSql, new { contractId = contract, demandId = e.EntityGuid }, ct);
                var key = new { demand.RegionCode, year = ChinaTime.DateOf(e.OccurredAt).Year, demand.Domain, enterpriseId = winner, demand.ProvinceCode };
                await db.ExecuteAsync(EnsureWinnerSql, key, ct);
                await db.ExecuteAsync(AddWinnerSql, new { key.RegionCode, key.year, key.Domain, key.enterpriseId, value, awards = 1 }, ct);
                return true;
            case "demand.unsuccessful":
                await AddAsync(e, e.EntityGuid, new Flow { DemandsUnsuccessful = 1 }, ct);
                return true;
            case "demand.cancelled":
                // A draft cancelled before publication was never on the market: it counts nowhere.
                if (await db.QuerySingleOrDefaultAsync<DemandRow>(DemandSql, new { demandId = e.EntityGuid }, ct) is not null)
                    await AddAsync(e, e.EntityGuid, new Flow { DemandsCancelled = 1 }, ct);
                return true;
            case "delivery.accepted":
                var accepted = e.Read<Decided>();
                await AddAsync(e, await ContractDemandAsync(e, accepted.ContractId, ct),
                    new Flow { DeliveriesAccepted = 1, ContractsOnTime = accepted.OnTime == true ? 1 : 0 }, ct);
                return true;
            case "delivery.rejected":
                await AddAsync(e, await ContractDemandAsync(e, e.Read<Decided>().ContractId, ct), new Flow { DeliveriesRejected = 1 }, ct);
                return true;
            case "contract.completed":
                await AddAsync(e, e.Read<OfDemand>().DemandId, new Flow { ContractsCompleted = 1 }, ct);
                return true;
            case "contract.terminated":
                await AddAsync(e, e.Read<OfDemand>().DemandId, new Flow { ContractsTerminated = 1 }, ct);
                return true;
            case "contract.annulled":
                // The award is taken back where it was counted (its month, its winner's year); the annulment counts when it happened.
                var annulled = await db.QuerySingleOrDefaultAsync<AnnulledAward>(AnnulledAwardSql, new { contractId = e.EntityGuid }, ct)
                    ?? throw new InvalidOperationException($"Event {e.Seq} ({e.Type}) concerns contract {e.EntityId}, which does not exist.");
                var demandOf = e.Read<OfDemand>().DemandId;
                var awardedDemand = await DemandAsync(e, demandOf, ct);
                await AddAsync(e, demandOf, new Flow { DemandsAwarded = -1, AwardedValue = -annulled.ContractValue, AwardedVolume = -awardedDemand.Volume }, ct,
                    at: annulled.AwardedAt);
                await AddAsync(e, demandOf, new Flow { AwardsAnnulled = 1 }, ct);
                await db.ExecuteAsync(AddWinnerSql, new
                {
                    awardedDemand.RegionCode, year = ChinaTime.DateOf(annulled.AwardedAt).Year, awardedDemand.Domain, enterpriseId = annulled.EnterpriseId,
                    value = -annulled.ContractValue, awards = -1,
                }, ct);
                return true;
            case "challenge.filed":
                await AddAsync(e, e.Read<OfDemand>().DemandId, new Flow { ChallengesFiled = 1 }, ct);
                return true;
            case "complaint.filed":
                await AddAsync(e, e.Read<OfDemand>().DemandId, new Flow { ComplaintsFiled = 1 }, ct);
                return true;
            case "complaint.decided":
                var decision = e.Read<ComplaintDecision>();
                if (decision.Upheld == true) await AddAsync(e, decision.DemandId, new Flow { ComplaintsUpheld = 1 }, ct);
                return true;
            default:
                return false;
        }
    }

    public static readonly Sql[] ResetSql =
    [
        new("delete from stats_demand_month"),
        new("delete from stats_demand_totals"),
        new("delete from stats_demand_rollup"),
        new("delete from stats_award_winners"),
        new("delete from stats_contracts"),
        new("delete from stats_demands"),
    ];

    private async Task<DemandRow> DemandAsync(StoredEvent e, Guid? demandId, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<DemandRow>(DemandSql, new { demandId }, ct)
        ?? throw new InvalidOperationException($"Event {e.Seq} ({e.Type}) concerns demand {demandId}, which was never published.");

    private async Task<Guid> ContractDemandAsync(StoredEvent e, Guid? contractId, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<Guid?>(ContractDemandSql, new { contractId }, ct)
        ?? throw new InvalidOperationException($"Event {e.Seq} ({e.Type}) concerns contract {contractId}, which was never awarded.");

    /// <param name="at">The instant whose month the flow counts in; the event's own by default.</param>
    private async Task AddAsync(StoredEvent e, Guid? demandId, Flow flow, CancellationToken ct, DateTimeOffset? at = null)
    {
        var demand = await DemandAsync(e, demandId, ct);
        var date = ChinaTime.DateOf(at ?? e.OccurredAt);
        var key = new
        {
            demand.RegionCode, month = date.ToString("yyyy-MM", CultureInfo.InvariantCulture), demand.Domain, demand.Modality, demand.VolumeUnit,
            demand.BaseId, demand.ProvinceCode, date.Year,
        };
        await db.ExecuteAsync(EnsureMonthSql, key, ct);
        await db.ExecuteAsync(AddSql, new
        {
            key.RegionCode, key.month, key.Domain, key.Modality, key.VolumeUnit, key.BaseId, flow.DemandsPublished, flow.BudgetPublished,
            flow.DemandsOpened, flow.BidsOpened, flow.InvitationsSent, flow.DemandsAwarded, flow.AwardedValue, flow.AwardedVolume,
            flow.DemandsUnsuccessful, flow.DemandsCancelled, flow.DeliveriesAccepted, flow.ContractsOnTime, flow.DeliveriesRejected,
            flow.ContractsCompleted, flow.ContractsTerminated, flow.ChallengesFiled, flow.ComplaintsFiled, flow.ComplaintsUpheld, flow.AwardsAnnulled,
        }, ct);
        await db.ExecuteAsync(EnsureTotalsSql, new { key.RegionCode, key.Domain, key.Modality, key.VolumeUnit, key.ProvinceCode }, ct);
        await db.ExecuteAsync(AddTotalsSql, Added(key.RegionCode, key.Domain, key.Modality, key.VolumeUnit, flow), ct);
        // The same flow for the city, its province and the nation, in this transaction: each level is the sum of the one below.
        foreach (var region in new[] { key.RegionCode, key.RegionCode[..2] + "0000", RegionCode.National }.Distinct(StringComparer.Ordinal))
        {
            await db.ExecuteAsync(EnsureRollupSql, new { regionCode = region, key.Domain, key.Modality, key.VolumeUnit }, ct);
            await db.ExecuteAsync(AddRollupSql, Added(region, key.Domain, key.Modality, key.VolumeUnit, flow), ct);
        }
    }

    private static object Added(string regionCode, string domain, string modality, string volumeUnit, Flow flow) => new
    {
        regionCode, domain, modality, volumeUnit, flow.DemandsPublished, flow.BudgetPublished, flow.DemandsOpened, flow.BidsOpened,
        flow.InvitationsSent, flow.DemandsAwarded, flow.AwardedValue, flow.AwardedVolume, flow.DemandsUnsuccessful, flow.DemandsCancelled,
        flow.DeliveriesAccepted, flow.ContractsOnTime, flow.DeliveriesRejected, flow.ContractsCompleted, flow.ContractsTerminated,
        flow.ChallengesFiled, flow.ComplaintsFiled, flow.ComplaintsUpheld, flow.AwardsAnnulled,
    };

    private sealed record Flow
    {
        public long DemandsPublished { get; init; }
        public decimal BudgetPublished { get; init; }
        public long DemandsOpened { get; init; }
        public long BidsOpened { get; init; }
        public long InvitationsSent { get; init; }
        public long DemandsAwarded { get; init; }
        public decimal AwardedValue { get; init; }
        public decimal AwardedVolume { get; init; }
        public long DemandsUnsuccessful { get; init; }
        public long DemandsCancelled { get; init; }
        public long DeliveriesAccepted { get; init; }
        public long ContractsOnTime { get; init; }
        public long DeliveriesRejected { get; init; }
        public long ContractsCompleted { get; init; }
        public long ContractsTerminated { get; init; }
        public long ChallengesFiled { get; init; }
        public long ComplaintsFiled { get; init; }
        public long ComplaintsUpheld { get; init; }
        public long AwardsAnnulled { get; init; }
    }

    private sealed class AnnulledAward
    {
        public Guid EnterpriseId { get; init; }
        public decimal ContractValue { get; init; }
        public DateTimeOffset AwardedAt { get; init; }
    }

    private sealed record ComplaintDecision(Guid? DemandId, bool? Upheld);

    private sealed class Terms
    {
        public string RegionCode { get; init; } = "";
        public string Domain { get; init; } = "";
        public string Modality { get; init; } = "";
        public string VolumeUnit { get; init; } = "";
        public Guid? PreferredBaseId { get; init; }
        public decimal Volume { get; init; }
        public decimal BudgetCeiling { get; init; }
    }

    private sealed class DemandRow
    {
        public string RegionCode { get; init; } = "";
        public string ProvinceCode { get; init; } = "";
        public string Domain { get; init; } = "";
        public string Modality { get; init; } = "";
        public string VolumeUnit { get; init; } = "";
        public string BaseId { get; init; } = "";
        public decimal Volume { get; init; }
        public int BidsOpened { get; init; }
    }

    private sealed record OfDemand(Guid? DemandId);

    private sealed record Closed(string? Status);

    private sealed record Awarded(Guid? ContractId, Guid? EnterpriseId, decimal? Value);

    private sealed record Decided(Guid? ContractId, bool? OnTime);

    private static readonly Sql TermsSql = new("""
        select region_code, domain, modality, volume_unit, preferred_base_id, volume, budget_ceiling from demands where id = @id
        """);

    private static readonly Sql InsertDemandSql = new("""
        insert into stats_demands (demand_id, region_code, province_code, domain, modality, volume_unit, base_id, volume, budget, bids_opened, opened)
        values (@demandId, @regionCode, @provinceCode, @domain, @modality, @volumeUnit, @baseId, @volume, @budget, 0, @opened)
        """);

    private static readonly Sql DemandSql = new("""
        select region_code, province_code, domain, modality, volume_unit, base_id, volume, bids_opened from stats_demands where demand_id = @demandId
        """);

    private static readonly Sql OpenBidSql = new("update stats_demands set bids_opened = bids_opened + 1 where demand_id = @demandId and opened = @opened");

    private static readonly Sql MarkOpenedSql = new("update stats_demands set opened = @opened where demand_id = @demandId");

    private static readonly Sql InsertContractSql = new("insert into stats_contracts (contract_id, demand_id) values (@contractId, @demandId)");

    // An award's value, winner and instant are fixed when it is made, so reading them gives the same answer on every rebuild.
    private static readonly Sql AnnulledAwardSql = new("select enterprise_id, contract_value, awarded_at from contracts where id = @contractId");

    private static readonly Sql ContractDemandSql = new("select demand_id from stats_contracts where contract_id = @contractId");

    private static readonly Sql EnsureWinnerSql = new("""
        insert into stats_award_winners (region_code, year, domain, enterprise_id, province_code, awards, award_value)
        select @regionCode, @year, @domain, @enterpriseId, @provinceCode, 0, 0
        where not exists (select 1 from stats_award_winners
            where region_code = @regionCode and year = @year and domain = @domain and enterprise_id = @enterpriseId)
        """);

    private static readonly Sql AddWinnerSql = new("""
        update stats_award_winners set awards = awards + @awards, award_value = award_value + @value
        where region_code = @regionCode and year = @year and domain = @domain and enterprise_id = @enterpriseId
        """);

    private static readonly Sql EnsureMonthSql = new("""
        insert into stats_demand_month (region_code, month, domain, modality, volume_unit, base_id, province_code, year, demands_published,
            budget_published, demands_opened, bids_opened, invitations_sent, demands_awarded, awarded_value, awarded_volume, demands_unsuccessful,
            demands_cancelled, deliveries_accepted, contracts_on_time, deliveries_rejected, contracts_completed, contracts_terminated)
        select @regionCode, @month, @domain, @modality, @volumeUnit, @baseId, @provinceCode, @year, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        where not exists (select 1 from stats_demand_month where region_code = @regionCode and month = @month and domain = @domain
            and modality = @modality and volume_unit = @volumeUnit and base_id = @baseId)
        """);

    private static readonly Sql AddSql = new("""
        update stats_demand_month set demands_published = demands_published + @demandsPublished,
            budget_published = budget_published + @budgetPublished, demands_opened = demands_opened + @demandsOpened,
            bids_opened = bids_opened + @bidsOpened, invitations_sent = invitations_sent + @invitationsSent,
            demands_awarded = demands_awarded + @demandsAwarded, awarded_value = awarded_value + @awardedValue,
            awarded_volume = awarded_volume + @awardedVolume, demands_unsuccessful = demands_unsuccessful + @demandsUnsuccessful,
            demands_cancelled = demands_cancelled + @demandsCancelled, deliveries_accepted = deliveries_accepted + @deliveriesAccepted,
            contracts_on_time = contracts_on_time + @contractsOnTime, deliveries_rejected = deliveries_rejected + @deliveriesRejected,
            contracts_completed = contracts_completed + @contractsCompleted, contracts_terminated = contracts_terminated + @contractsTerminated,
            challenges_filed = challenges_filed + @challengesFiled, complaints_filed = complaints_filed + @complaintsFiled,
            complaints_upheld = complaints_upheld + @complaintsUpheld, awards_annulled = awards_annulled + @awardsAnnulled
        where region_code = @regionCode and month = @month and domain = @domain and modality = @modality and volume_unit = @volumeUnit
            and base_id = @baseId
        """);

    private static readonly Sql EnsureTotalsSql = new("""
        insert into stats_demand_totals (region_code, domain, modality, volume_unit, province_code, demands_published, budget_published,
            demands_opened, bids_opened, invitations_sent, demands_awarded, awarded_value, awarded_volume, demands_unsuccessful, demands_cancelled,
            deliveries_accepted, contracts_on_time, deliveries_rejected, contracts_completed, contracts_terminated)
        select @regionCode, @domain, @modality, @volumeUnit, @provinceCode, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        where not exists (select 1 from stats_demand_totals where region_code = @regionCode and domain = @domain and modality = @modality
            and volume_unit = @volumeUnit)
        """);

    private static readonly Sql EnsureRollupSql = new("""
        insert into stats_demand_rollup (region_code, domain, modality, volume_unit, demands_published, budget_published,
            demands_opened, bids_opened, invitations_sent, demands_awarded, awarded_value, awarded_volume, demands_unsuccessful, demands_cancelled,
            deliveries_accepted, contracts_on_time, deliveries_rejected, contracts_completed, contracts_terminated)
        select @regionCode, @domain, @modality, @volumeUnit, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        where not exists (select 1 from stats_demand_rollup where region_code = @regionCode and domain = @domain and modality = @modality
            and volume_unit = @volumeUnit)
        """);

    private static readonly Sql AddRollupSql = new(AddFlows("stats_demand_rollup"));

    private static readonly Sql AddTotalsSql = new(AddFlows("stats_demand_totals"));

    private static string AddFlows(string table) => $"""
        update {table} set demands_published = demands_published + @demandsPublished,
            budget_published = budget_published + @budgetPublished, demands_opened = demands_opened + @demandsOpened,
            bids_opened = bids_opened + @bidsOpened, invitations_sent = invitations_sent + @invitationsSent,
            demands_awarded = demands_awarded + @demandsAwarded, awarded_value = awarded_value + @awardedValue,
            awarded_volume = awarded_volume + @awardedVolume, demands_unsuccessful = demands_unsuccessful + @demandsUnsuccessful,
            demands_cancelled = demands_cancelled + @demandsCancelled, deliveries_accepted = deliveries_accepted + @deliveriesAccepted,
            contracts_on_time = contracts_on_time + @contractsOnTime, deliveries_rejected = deliveries_rejected + @deliveriesRejected,
            contracts_completed = contracts_completed + @contractsCompleted, contracts_terminated = contracts_terminated + @contractsTerminated,
            challenges_filed = challenges_filed + @challengesFiled, complaints_filed = complaints_filed + @complaintsFiled,
            complaints_upheld = complaints_upheld + @complaintsUpheld, awards_annulled = awards_annulled + @awardsAnnulled
        where region_code = @regionCode and domain = @domain and modality = @modality and volume_unit = @volumeUnit
        """;
}
