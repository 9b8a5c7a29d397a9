using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Alerts;

/// <summary>One alert, for the regulators of its region (and admins); its version comes back as ETag for a lifecycle step.</summary>
[AllowedFor(Roles.Regulator, Roles.Admin)]
public sealed record GetAlert(Guid Id) : IQuery<AlertView>;

internal sealed class GetAlertHandler(IReadDb db, ICaller caller) : IRequestHandler<GetAlert, AlertView>
{
    public Task<AlertView> Handle(GetAlert q, CancellationToken ct) => AlertReads.SeenAsync(db, caller, q.Id, ct);
}
