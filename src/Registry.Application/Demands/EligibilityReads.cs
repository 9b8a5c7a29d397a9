using Registry.Application.Common;
using Registry.Application.Exclusions;
using Registry.Domain.Demands;
using Registry.Domain.Time;

namespace Registry.Application.Demands;

/// <summary>
/// The inputs of the bid eligibility rule (<see cref="BidEligibility"/>), read in one place for bidding, closing, evaluation
/// and award: what the demand requires and what the registry knows of the bidder.
/// </summary>
internal static class EligibilityReads
{
    /// <summary>Why the enterprise may not bid on the demand now (by <paramref name="clock"/>); empty when it may.</summary>
    public static async Task<IReadOnlyList<(string Code, string Message)>> ProblemsAsync(IQueryDb db, DemandSnapshot demand, Guid enterpriseId,
        TimeProvider clock, CancellationToken ct) =>
        BidEligibility.Problems(demand.Requirements, await StandingAsync(db, enterpriseId, ChinaTime.Today(clock), ct));

    /// <summary>What eligibility needs to know about an enterprise on a China date, read from the registry.</summary>
    public static async Task<SupplierStanding> StandingAsync(IQueryDb db, Guid enterpriseId, DateOnly today, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(DirectorySql, new { enterpriseId }, ct);
        var capabilities = (await db.QueryAsync<Capability>(CapabilitiesSql, new { enterpriseId }, ct)).Select(c => (c.Modality, c.TaskType)).ToList();
        return new SupplierStanding(row?.CertificateStatus, row?.CertificateGrade, row?.MlpsLevel ?? 0, capabilities,
            Excluded: await ExclusionsInForce.ExcludesAsync(db, enterpriseId, today, ct));
    }

    private sealed class Row
    {
        public string? CertificateStatus { get; init; }
        public int? CertificateGrade { get; init; }
        public int MlpsLevel { get; init; }
    }

    private sealed class Capability
    {
        public string Modality { get; init; } = "";
        public string TaskType { get; init; } = "";
    }

    private static readonly Sql DirectorySql = new("""
        select certificate_status, certificate_grade, mlps_level from enterprise_directory where enterprise_id = @enterpriseId
        """);

    private static readonly Sql CapabilitiesSql = new("select modality, task_type from enterprise_capabilities where enterprise_id = @enterpriseId");
}
