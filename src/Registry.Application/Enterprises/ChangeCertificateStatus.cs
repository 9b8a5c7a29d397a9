using FluentValidation;
using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;
using Registry.Domain.Events;

namespace Registry.Application.Enterprises;

public enum CertificateAction
{
    Suspend,
    Reinstate,
    Revoke,
}

/// <summary>
/// A regulator or certifier of the certificate's supervising jurisdiction (the enterprise's region when it was issued, kept
/// until it is reissued) suspends, reinstates or revokes it, with a reason.
/// </summary>
[AllowedFor(Roles.Regulator, Roles.Certifier)]
public sealed record ChangeCertificateStatus(Guid CertificateId, long ExpectedVersion, CertificateAction Action, string Reason) : ICommand<CertificateView>;

public sealed class ChangeCertificateStatusValidator : AbstractValidator<ChangeCertificateStatus>
{
    public ChangeCertificateStatusValidator()
    {
        RuleFor(x => x.Action).IsInEnum();
        RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class ChangeCertificateStatusHandler(IWriteDb db, EnterpriseProjection projection, IOutbox outbox, RiskAlerts alerts, ICaller caller,
    TimeProvider clock)
    : IRequestHandler<ChangeCertificateStatus, CertificateView>
{
    public async Task<CertificateView> Handle(ChangeCertificateStatus c, CancellationToken ct)
    {
        var certificate = await db.QuerySingleOrDefaultAsync<CertificateRow>(FindSql, new { id = c.CertificateId }, ct)
            ?? throw new NotFound("certificate", c.CertificateId);
        caller.Require(VisibleItem.Certificate(certificate.EnterpriseId, certificate.RegionCode), Act.AsSupervisor, "certificate", c.CertificateId,
            "Only the regulators and certifiers of the certificate's supervising region change its status.");
        PreconditionFailed.ThrowIfStale("certificate", certificate.RowVersion, c.ExpectedVersion);
        var current = new CertificateSnapshot(c.CertificateId, certificate.EnterpriseId, certificate.Status);
        var (status, changed) = c.Action switch
        {
            CertificateAction.Suspend => Step(CertificationWorkflow.Suspend(current, c.Reason)),
            CertificateAction.Reinstate => Step(CertificationWorkflow.Reinstate(current, c.Reason)),
            _ => Step(CertificationWorkflow.Revoke(current, c.Reason)),
        };
        var now = clock.GetUtcNow();
        if (await db.ExecuteAsync(CertificationWrites.SetStatusSql, new { id = c.CertificateId, status, reason = c.Reason, now, from = certificate.Status }, ct) == 0)
            throw new InvalidTransitionException("certificate", "no longer " + certificate.Status, c.Action.ToString().ToLowerInvariant() + "d");
        await projection.RefreshAsync(certificate.EnterpriseId, ct);
        outbox.Publish(changed);
        if (c.Action != CertificateAction.Reinstate) await CertificateAlerts.RaiseIfInDeliveryAsync(db, alerts, c.CertificateId, status, now, ct);
        return (await db.QuerySingleOrDefaultAsync<CertificateView>(CertificationWrites.ViewSql, new { id = c.CertificateId }, ct))!;
    }

    // The three actions return different event types; the outbox takes any of them.
    private static (string Status, IDomainEvent Event) Step<TEvent>(Changed<TEvent> change) where TEvent : IDomainEvent => (change.Status, change.Event);

    private sealed class CertificateRow
    {
        public Guid EnterpriseId { get; init; }
        public string Status { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public long RowVersion { get; init; }
    }

    private static readonly Sql FindSql = new("""
        select enterprise_id, status, supervising_region_code as region_code, row_version from certificates where id = @id
        """);
}
