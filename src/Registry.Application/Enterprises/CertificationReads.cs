using System.Text.Json;
using Registry.Application.Common;

namespace Registry.Application.Enterprises;

/// <summary>Certification applications as their enterprise and their reviewers read them.</summary>
internal static class CertificationReads
{
    private static readonly Sql ApplicationSql = new($"select {ApplicationColumns} from certification_applications where id = @id");

    public static async Task<ApplicationView?> ApplicationAsync(IQueryDb db, Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<ApplicationRow>(ApplicationSql, new { id }, ct))?.ToView();

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
