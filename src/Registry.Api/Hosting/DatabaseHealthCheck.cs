using Microsoft.Extensions.Diagnostics.HealthChecks;
using Registry.Application.Common;

namespace Registry.Api.Hosting;

/// <summary>Ready when the primary database answers a query and has been migrated.</summary>
internal sealed class DatabaseHealthCheck(IConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = await connections.OpenPrimaryAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "select count(*) from ledger_head";
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database is unreachable or not migrated.");
        }
    }
}
