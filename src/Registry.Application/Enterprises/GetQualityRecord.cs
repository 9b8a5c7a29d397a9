using MediatR;
using Registry.Application.Common;

namespace Registry.Application.Enterprises;

/// <summary>Anyone reads an enterprise's quality record.</summary>
[Public]
public sealed record GetQualityRecord(Guid EnterpriseId) : IQuery<QualityRecord>;

internal sealed class GetQualityRecordHandler(IReadDb db) : IRequestHandler<GetQualityRecord, QualityRecord>
{
    public async Task<QualityRecord> Handle(GetQualityRecord q, CancellationToken ct)
    {
        if (await db.ScalarAsync<int>(ExistsSql, new { q.EnterpriseId }, ct) == 0) throw new NotFound("enterprise", q.EnterpriseId);
        return await QualityRecords.ReadAsync(db, q.EnterpriseId, ct);
    }

    private static readonly Sql ExistsSql = new("select count(*) from enterprise_profiles where organization_id = @enterpriseId");
}
