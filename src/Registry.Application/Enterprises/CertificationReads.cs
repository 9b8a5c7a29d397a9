using System.Text.Json;
using Registry.Application.Common;
using Registry.Domain.Enterprises;

namespace Registry.Application.Enterprises;

/// <summary>Certification applications as their enterprise and their reviewers read them.</summary>
internal static class CertificationReads
{
    private static readonly Sql ApplicationSql = new($"select {ApplicationColumns} from certification_applications where id = @id");

    public static async Task<ApplicationView?> ApplicationAsync(IQueryDb db, Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<ApplicationRow>(ApplicationSql, new { id }, ct))?.ToView();

    /// <summary>The application as the review rules read it (no evidence, no decision text); null when there is none.</summary>
    public static async Task<ApplicationSnapshot?> SnapshotAsync(IQueryDb db, Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<SnapshotRow>(SnapshotSql, new { id }, ct)) is { } r
            ? new ApplicationSnapshot(r.Id, r.EnterpriseId, r.Grade, r.Status, r.ReviewerOrganizationId)
            : null;

    private static readonly Sql SnapshotSql = new("""
        select id, enterprise_id, grade, status, reviewer_organization_id from certification_applications where id = @id
        """);

    private sealed class SnapshotRow
    {
        public Guid Id { get; init; }
        public Guid EnterpriseId { get; init; }
        public int Grade { get; init; }
        public string Status { get; init; } = "";
        public Guid? ReviewerOrganizationId { get; init; }
    }

    internal sealed class ApplicationRow
    {
        public Guid Id { get; init; }
        public Guid EnterpriseId { get; init; }
        public int Grade { get; init; }
        public string Status { get; init; } = "";
        public string Evidence { get; init; } = "[]";
        public DateTimeOffset SubmittedAt { get; init; }
        public Guid? ReviewerOrganizationId { get; init; }
        public DateTimeOffset? DecidedAt { get; init; }
        public string? DecisionReason { get; init; }
        public Guid? CertificateId { get; init; }

        public ApplicationView ToView() => new()
        {
            Id = Id, EnterpriseId = EnterpriseId, Grade = Grade, Status = Status,
            Evidence = JsonSerializer.Deserialize<List<EvidenceDocument>>(Evidence, Ledger.Json) ?? [],
            SubmittedAt = SubmittedAt, ReviewerOrganizationId = ReviewerOrganizationId, DecidedAt = DecidedAt,
            DecisionReason = DecisionReason, CertificateId = CertificateId,
        };
    }

    public const string ApplicationColumns = """
        id, enterprise_id, grade, status, evidence, submitted_at, reviewer_organization_id, decided_at, decision_reason, certificate_id
        """;
}
