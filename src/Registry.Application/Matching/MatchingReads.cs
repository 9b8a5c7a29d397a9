using Registry.Application.Common;
using Registry.Application.Common.Projections;
using Registry.Application.Demands;
using Registry.Application.Enterprises;
using Registry.Application.Exclusions;
using Registry.Domain.Demands;
using Registry.Domain.Matching;
using Registry.Domain.Time;

namespace Registry.Application.Matching;

/// <summary>
/// What the matching index is built from, one query per table for every enterprise (or one enterprise): its directory row
/// (certificate, security, region, base: the inputs bidding's eligibility reads), its capabilities, its talent, and its
/// contracts (work in hand, accepted deliveries); and the open demands.
/// </summary>
internal static class MatchingReads
{
    /// <summary>The outbox's last sequence and the time of that event: what a load made after reading it reflects at least.</summary>
    public static async Task<IndexAsOf> HeadAsync(IQueryDb db, CancellationToken ct)
    {
        var seq = await db.ScalarAsync<long?>(ProjectionCursors.HeadSql, null, ct) ?? 0;
        if (seq == 0) return IndexAsOf.Start;
        return new IndexAsOf(seq, await db.QuerySingleOrDefaultAsync<DateTimeOffset?>(EventAtSql, new { seq }, ct));
    }

    /// <summary>Every enterprise as matching sees it, excluded or not on <paramref name="today"/> (a China date).</summary>
    public static async Task<IReadOnlyList<SupplierProfile>> SuppliersAsync(IQueryDb db, DateOnly today, CancellationToken ct) =>
        Profiles(await db.QueryAsync<DirectoryRow>(AllDirectorySql, null, ct), await db.QueryAsync<CapabilityRow>(AllCapabilitiesSql, null, ct),
            await db.QueryAsync<TalentRow>(AllTalentSql, null, ct), await db.QueryAsync<ContractRow>(AllContractsSql, null, ct),
            await ExclusionsInForce.EnterprisesAsync(db, today, ct));

    /// <summary>The enterprise as matching sees it on <paramref name="today"/>; null when it is not (or no longer) in the directory.</summary>
    public static async Task<SupplierProfile?> SupplierAsync(IQueryDb db, Guid id, DateOnly today, CancellationToken ct) =>
        Profiles(await db.QueryAsync<DirectoryRow>(OneDirectorySql, new { id }, ct), await db.QueryAsync<CapabilityRow>(OneCapabilitiesSql, new { id }, ct),
            await db.QueryAsync<TalentRow>(OneTalentSql, new { id }, ct), await db.QueryAsync<ContractRow>(OneContractsSql, new { id }, ct),
            await ExclusionsInForce.ExcludesAsync(db, id, today, ct) ? new HashSet<Guid> { id } : new HashSet<Guid>()).SingleOrDefault();

    public static async Task<IReadOnlyList<MatchDemand>> OpenDemandsAsync(IQueryDb db, CancellationToken ct) =>
        (await DemandReads.OpenSnapshotsAsync(db, ct)).Select(MatchDemand.Of).ToList();

    /// <summary>The demand when it is open (the only ones recommended); null otherwise.</summary>
    public static async Task<MatchDemand?> OpenDemandAsync(IQueryDb db, Guid id, CancellationToken ct) =>
        await DemandReads.SnapshotAsync(db, id, ct) is { Status: DemandStatus.Open } demand ? MatchDemand.Of(demand) : null;

    /// <summary>The enterprise a certificate, contract, delivery or awarded demand concerns, when there is one.</summary>
    public static Task<Guid?> EnterpriseOfCertificateAsync(IQueryDb db, Guid id, CancellationToken ct) => db.ScalarAsync<Guid?>(CertificateSql, new { id }, ct);

    public static Task<Guid?> EnterpriseOfContractAsync(IQueryDb db, Guid id, CancellationToken ct) => db.ScalarAsync<Guid?>(ContractSql, new { id }, ct);

    public static Task<Guid?> EnterpriseOfDeliveryAsync(IQueryDb db, Guid id, CancellationToken ct) => db.ScalarAsync<Guid?>(DeliverySql, new { id }, ct);

    public static Task<Guid?> EnterpriseAwardedAsync(IQueryDb db, Guid demandId, CancellationToken ct) =>
        db.ScalarAsync<Guid?>(AwardedSql, new { demandId }, ct);

    private static List<SupplierProfile> Profiles(IReadOnlyList<DirectoryRow> directory, IReadOnlyList<CapabilityRow> capabilities,
        IReadOnlyList<TalentRow> talent, IReadOnlyList<ContractRow> contracts, IReadOnlySet<Guid> excluded)
    {
        var capabilitiesOf = capabilities.ToLookup(c => c.EnterpriseId);
        var talentOf = talent.ToLookup(t => t.EnterpriseId);
        var contractsOf = contracts.ToLookup(c => c.EnterpriseId);
        return directory.Select(d =>
        {
            var own = contractsOf[d.EnterpriseId].ToList();
            var rows = own.Select(c => new QualityRecords.ContractRow { Domain = c.Domain, Status = c.Status, AcceptedAccuracy = c.AcceptedAccuracy, OnTime = c.OnTime })
                .ToList();
            var overall = QualityRecords.Summarize("", rows);
            // A contract awaiting signature already commits the enterprise's capacity.
            var active = own.Where(c => c.Status is ContractStatus.Active or ContractStatus.Pending).ToList();
            return new SupplierProfile(d.EnterpriseId, d.LegalName, d.RegionCode, d.BaseId, d.CertificateStatus, d.CertificateGrade, d.MlpsLevel,
                capabilitiesOf[d.EnterpriseId].Select(c => (c.Modality, c.TaskType)).ToList(),
                talentOf[d.EnterpriseId].ToDictionary(t => t.SkillLevel, t => t.Annotators, StringComparer.Ordinal),
                active.Sum(c => SupplierProfile.VolumePerDay(c.Volume, ChinaTime.DateOf(c.AwardedAt), c.DueDate)), active.Count,
                overall is { AcceptedCount: > 0, MeanAccuracy: { } mean, OnTimeRate: { } onTime } ? new QualityHistory(overall.AcceptedCount, mean, onTime) : null,
                rows.GroupBy(r => r.Domain, StringComparer.Ordinal).ToDictionary(g => g.Key, g => QualityRecords.Summarize(g.Key, g.ToList()).AcceptedCount,
                    StringComparer.Ordinal),
                Excluded: excluded.Contains(d.EnterpriseId));
        }).ToList();
    }

    private sealed class DirectoryRow
    {
        public Guid EnterpriseId { get; init; }
        public string LegalName { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public Guid? BaseId { get; init; }
        public string? CertificateStatus { get; init; }
        public int? CertificateGrade { get; init; }
        public int MlpsLevel { get; init; }
    }

    private sealed class CapabilityRow
    {
        public Guid EnterpriseId { get; init; }
        public string Modality { get; init; } = "";
        public string TaskType { get; init; } = "";
    }

    private sealed class TalentRow
    {
        public Guid EnterpriseId { get; init; }
        public string SkillLevel { get; init; } = "";
        public int Annotators { get; init; }
    }

    private sealed class ContractRow
    {
        public Guid EnterpriseId { get; init; }
        public string Domain { get; init; } = "";
        public string Status { get; init; } = "";
        public decimal? AcceptedAccuracy { get; init; }
        public bool? OnTime { get; init; }
        public decimal Volume { get; init; }
        public DateOnly DueDate { get; init; }
        public DateTimeOffset AwardedAt { get; init; }
    }

    private const string DirectorySelect = """
        select enterprise_id, legal_name, region_code, base_id, certificate_status, certificate_grade, mlps_level from enterprise_directory
        """;
    private const string CapabilitiesSelect = "select enterprise_id, modality, task_type from enterprise_capabilities";
    private const string TalentSelect = "select enterprise_id, skill_level, annotators from enterprise_talent";
    private const string ContractsSelect = """
        select enterprise_id, domain, status, accepted_accuracy, on_time, volume, due_date, awarded_at from contracts
        """;

    private static readonly Sql AllDirectorySql = new(DirectorySelect);
    private static readonly Sql AllCapabilitiesSql = new(CapabilitiesSelect);
    private static readonly Sql AllTalentSql = new(TalentSelect);
    private static readonly Sql AllContractsSql = new(ContractsSelect);
    private static readonly Sql OneDirectorySql = new($"{DirectorySelect} where enterprise_id = @id");
    private static readonly Sql OneCapabilitiesSql = new($"{CapabilitiesSelect} where enterprise_id = @id");
    private static readonly Sql OneTalentSql = new($"{TalentSelect} where enterprise_id = @id");
    private static readonly Sql OneContractsSql = new($"{ContractsSelect} where enterprise_id = @id");
    private static readonly Sql EventAtSql = new("select occurred_at from outbox where seq = @seq");
    private static readonly Sql CertificateSql = new("select enterprise_id from certificates where id = @id");
    private static readonly Sql ContractSql = new("select enterprise_id from contracts where id = @id");
    private static readonly Sql DeliverySql = new("select c.enterprise_id from deliveries d join contracts c on c.id = d.contract_id where d.id = @id");
    private static readonly Sql AwardedSql = new("select enterprise_id from contracts where demand_id = @demandId and status <> 'annulled'");
}
