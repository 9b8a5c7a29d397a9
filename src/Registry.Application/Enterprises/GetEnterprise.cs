using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Enterprises;

/// <summary>
/// One enterprise: everyone sees the public profile; the enterprise itself, regulators and certifiers of its jurisdiction
/// and admins also see its contacts and certification applications with their evidence.
/// </summary>
[Public]
public sealed record GetEnterprise(Guid Id) : IQuery<EnterpriseDetail>;

internal sealed class GetEnterpriseHandler(IReadDb db, ICaller caller) : IRequestHandler<GetEnterprise, EnterpriseDetail>
{
    public async Task<EnterpriseDetail> Handle(GetEnterprise q, CancellationToken ct)
    {
        var region = await db.QuerySingleOrDefaultAsync<string>(RegionSql, new { q.Id }, ct) ?? throw new NotFound("enterprise", q.Id);
        var privileged = caller.Sight(VisibleItem.Enterprise(q.Id, region)).Refuses(Act.AsPartyOrSupervisor) is null;
        return await EnterpriseReads.DetailAsync(db, q.Id, ct, restricted: !privileged);
    }

    private static readonly Sql RegionSql = new("select region_code from enterprise_directory where enterprise_id = @id");
}
