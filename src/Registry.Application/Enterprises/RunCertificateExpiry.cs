using MediatR;
using Registry.Application.Alerts;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Alerts;
using Registry.Domain.Enterprises;
using Registry.Domain.Time;

namespace Registry.Application.Enterprises;

public sealed record CertificateExpiryResult(DateOnly Today, int Expired, int AlertsRaised);

/// <summary>
/// The daily certificate job: current certificates past their last valid day expire (and their holders lose eligibility);
/// certificates within 90 days of expiry raise one <c>certificate_expiring</c> alert each for their jurisdiction.
/// Running it twice on the same day changes nothing.
/// </summary>
[AllowedFor(Roles.Admin)]
public sealed record RunCertificateExpiry : ICommand<CertificateExpiryResult>;

internal sealed class RunCertificateExpiryHandler(IWriteDb db, EnterpriseProjection projection, RiskAlerts alerts, IOutbox outbox, TimeProvider clock) : IRequestHandler<RunCertificateExpiry, CertificateExpiryResult>
{
    public async Task<CertificateExpiryResult> Handle(RunCertificateExpiry c, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var expired = 0;
        foreach (var certificate in await db.QueryAsync<Due>(PastExpirySql, new { today }, ct))
        {
            if (CertificationWorkflow.ExpireIfDue(new CertificateSnapshot(certificate.Id, certificate.EnterpriseId, certificate.Status), certificate.ExpiresOn, today)
                is not var (status, expiry)) continue;
            // A certificate suspended or revoked since the selection keeps that decision; the next run looks at it again.
            if (await db.ExecuteAsync(CertificationWrites.SetStatusSql,
                    new { certificate.Id, status, reason = $"Expired after {certificate.ExpiresOn:yyyy-MM-dd}", now, from = certificate.Status }, ct) == 0)
                continue;
            await projection.RefreshAsync(certificate.EnterpriseId, ct);
            outbox.Publish(expiry);
            await CertificateAlerts.RaiseIfInDeliveryAsync(db, alerts, certificate.Id, status, now, ct);
            expired++;
        }

        var raised = 0;
        var horizon = today.AddDays(CertificateTerms.WarningDays);
        foreach (var certificate in await db.QueryAsync<Due>(ExpiringSql, new { today, horizon }, ct))
        {
            if (!CertificateTerms.IsExpiringSoon(certificate.ExpiresOn, today)) continue;
            if (!await alerts.RaiseAsync(new RiskAlert(AlertTypes.CertificateExpiring, $"certificate_expiring:{certificate.Id}", certificate.RegionCode,
                    "certificate", certificate.Id.ToString(), $"{certificate.Number} {certificate.LegalName}",
                    $"Certificate {certificate.Number} of {certificate.LegalName} expires on {certificate.ExpiresOn:yyyy-MM-dd}.",
                    $"{certificate.LegalName}的证书{certificate.Number}将于{certificate.ExpiresOn:yyyy-MM-dd}到期。",
                    new
                    {
                        certificate = $"/api/v1/certificates/{certificate.Id}", expiresOn = certificate.ExpiresOn, enterpriseId = certificate.EnterpriseId,
                        daysLeft = certificate.ExpiresOn.DayNumber - today.DayNumber, warningDays = CertificateTerms.WarningDays,
                    }), now, ct)) continue;
            raised++;
        }
        return new CertificateExpiryResult(today, expired, raised);
    }

    private sealed class Due
    {
        public Guid Id { get; init; }
        public Guid EnterpriseId { get; init; }
        public string Number { get; init; } = "";
        public string Status { get; init; } = "";
        public DateOnly ExpiresOn { get; init; }
        public string RegionCode { get; init; } = "";
        public string LegalName { get; init; } = "";
    }

    private const string Select = """
        select c.id, c.enterprise_id, c.number, c.status, c.expires_on, c.supervising_region_code as region_code, p.legal_name
        from certificates c join enterprise_profiles p on p.organization_id = c.enterprise_id
        """;

    private static readonly Sql PastExpirySql = new($"{Select} where c.status in ('active', 'suspended') and c.expires_on < @today");
    private static readonly Sql ExpiringSql = new($"{Select} where c.status = 'active' and c.expires_on >= @today and c.expires_on < @horizon");
}
