using Registry.Application.Common;
using Registry.Domain.Demands;

namespace Registry.Application.Enterprises;

/// <summary>An enterprise's delivery record in one industry domain.</summary>
/// <param name="AcceptedCount">Contracts completed by an accepted delivery.</param>
/// <param name="MeanAccuracy">Mean measured accuracy of the accepted deliveries (null without any).</param>
/// <param name="OnTimeRate">Share of the accepted deliveries made on or before the due date (null without any).</param>
/// <param name="RejectedDeliveries">Deliveries the agency rejected on sampled accuracy.</param>
/// <param name="TerminatedContracts">Contracts terminated after the due date without an accepted delivery.</param>
public sealed record DomainQualityRecord(string Domain, int AcceptedCount, decimal? MeanAccuracy, decimal? OnTimeRate, int RejectedDeliveries,
    int TerminatedContracts);

/// <summary>
/// The enterprise's record of deliveries under its contracts (all domains, then per domain), derived from acceptance
/// decisions; used by evaluation, the directory's quality sort and matching.
/// </summary>
public sealed record QualityRecord(int AcceptedCount, decimal? MeanAccuracy, decimal? OnTimeRate, int RejectedDeliveries, int TerminatedContracts,
    IReadOnlyList<DomainQualityRecord> Domains)
{
    public static QualityRecord Empty { get; } = new(0, null, null, 0, 0, []);

    /// <summary>The record in <paramref name="domain"/> and over all domains, as the evaluation uses them.</summary>
    public (QualityHistory? Domain, QualityHistory? Overall) Histories(string domain)
    {
        var inDomain = Domains.FirstOrDefault(d => d.Domain == domain);
        return (History(inDomain?.AcceptedCount ?? 0, inDomain?.MeanAccuracy, inDomain?.OnTimeRate), Overall);
    }

    /// <summary>The record over all domains, as the directory's quality sort blends it (null without an accepted delivery).</summary>
    public QualityHistory? Overall => History(AcceptedCount, MeanAccuracy, OnTimeRate);

    private static QualityHistory? History(int accepted, decimal? accuracy, decimal? onTime) =>
        accepted > 0 && accuracy is { } a && onTime is { } t ? new QualityHistory(accepted, a, t) : null;
}

/// <summary>Computes quality records from the contracts table (a handful of rows per enterprise).</summary>
internal static class QualityRecords
{
    public static async Task<QualityRecord> ReadAsync(IQueryDb db, Guid enterpriseId, CancellationToken ct)
    {
        var contracts = await db.QueryAsync<ContractRow>(ContractsSql, new { enterpriseId }, ct);
        if (contracts.Count == 0) return QualityRecord.Empty;
        var domains = contracts.GroupBy(c => c.Domain).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, g.ToList())).ToList();
        var all = Summarize("", contracts);
        return new QualityRecord(all.AcceptedCount, all.MeanAccuracy, all.OnTimeRate, all.RejectedDeliveries, all.TerminatedContracts, domains);
    }

    /// <summary>One record over the given contracts of an enterprise (one domain's, or all of them with an empty domain).</summary>
    public static DomainQualityRecord Summarize(string domain, IReadOnlyList<ContractRow> contracts)
    {
        var accepted = contracts.Where(c => c.Status == ContractStatus.Completed && c.AcceptedAccuracy is not null).ToList();
        decimal? mean = accepted.Count == 0 ? null : Math.Round(accepted.Average(c => c.AcceptedAccuracy!.Value), 4, MidpointRounding.AwayFromZero);
        decimal? onTime = accepted.Count == 0 ? null : Math.Round((decimal)accepted.Count(c => c.OnTime == true) / accepted.Count, 4, MidpointRounding.AwayFromZero);
        return new DomainQualityRecord(domain, accepted.Count, mean, onTime, contracts.Sum(c => c.Rejected),
            contracts.Count(c => c.Status == ContractStatus.Terminated));
    }

    public sealed class ContractRow
    {
        public string Domain { get; init; } = "";
        public string Status { get; init; } = "";
        public decimal? AcceptedAccuracy { get; init; }
        public bool? OnTime { get; init; }
        public int Rejected { get; init; }
    }

    private static readonly Sql ContractsSql = new("""
        select c.domain, c.status, c.accepted_accuracy, c.on_time,
            (select count(*) from deliveries d where d.contract_id = c.id and d.status = 'rejected') as rejected
        from contracts c where c.enterprise_id = @enterpriseId
        """);
}
