using Registry.Application.Common;
using Registry.Domain.Alerts;

namespace Registry.Application.Alerts;

/// <summary>
/// A certificate that stops being valid (expired, suspended, revoked) while its holder still has contracts in delivery (active
/// contracts): the work goes on without the standing it was awarded on. Raised once per certificate and status, in the command
/// that changed the status, for the regulators of the certificate's supervising region.
/// </summary>
internal static class CertificateAlerts
{
    public static async Task RaiseIfInDeliveryAsync(IWriteDb db, RiskAlerts alerts, Guid certificateId, string status, DateTimeOffset now, CancellationToken ct)
    {
        var certificate = (await db.QuerySingleOrDefaultAsync<CertificateRow>(CertificateSql, new { id = certificateId }, ct))!;
        var contracts = (await db.QueryAsync<ContractRow>(ActiveContractsSql, new { certificate.EnterpriseId }, ct)).ToList();
        if (contracts.Count == 0) return;
        var numbers = string.Join(", ", contracts.Select(c => c.Number));
        var statusZh = status switch { "expired" => "已过期", "suspended" => "被暂停", "revoked" => "被撤销", _ => status };
        await alerts.RaiseAsync(new RiskAlert(AlertTypes.CertificateLapsedInDelivery, $"{AlertTypes.CertificateLapsedInDelivery}:{certificateId}:{status}",
            certificate.RegionCode, "certificate", certificateId.ToString(), $"{certificate.Number} {certificate.LegalName}",
            $"Certificate {certificate.Number} of {certificate.LegalName} is {status} while {contracts.Count} of its contracts are in delivery: {numbers}.",
            $"{certificate.LegalName}的证书{certificate.Number}{statusZh}，但其仍有{contracts.Count}个合同在履行中：{numbers}。",
            new
            {
                certificate = $"/api/v1/certificates/{certificateId}", status, enterpriseId = certificate.EnterpriseId,
                enterprise = $"/api/v1/enterprises/{certificate.EnterpriseId}",
                contracts = contracts.Select(c => new { c.Id, c.Number, contract = $"/api/v1/contracts/{c.Id}", c.DueDate, c.RegionCode }),
            }), now, ct);
    }

    private sealed class CertificateRow
    {
        public Guid EnterpriseId { get; init; }
        public string Number { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public string LegalName { get; init; } = "";
    }

    private sealed class ContractRow
    {
        public Guid Id { get; init; }
        public string Number { get; init; } = "";
        public DateOnly DueDate { get; init; }
        public string RegionCode { get; init; } = "";
    }

    private static readonly Sql CertificateSql = new("""
        select c.enterprise_id, c.number, c.supervising_region_code as region_code, p.legal_name
        from certificates c join enterprise_profiles p on p.organization_id = c.enterprise_id
        where c.id = @id
        """);

    private static readonly Sql ActiveContractsSql = new("""
        select id, number, due_date, region_code from contracts where enterprise_id = @enterpriseId and status in ('pending', 'active') order by number
        """);
}
