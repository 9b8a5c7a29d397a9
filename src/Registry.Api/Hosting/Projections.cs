using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Registry.Application.Admin;
using Registry.Application.Common;
using Registry.Application.Common.Projections;

namespace Registry.Api.Hosting;

/// <summary>
/// The outbox projector in the host: its settings (<c>Projections:*</c>), the continuous loop on every instance (unless
/// <c>Projections:Enabled</c> is false) and the readiness check that names a stopped projection.
/// </summary>
public static class Projections
{
    public static WebApplicationBuilder AddRegistryProjections(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Projections").Get<ProjectorOptions>() ?? new ProjectorOptions();
        builder.Services.AddSingleton(options);
        if (options.Enabled) builder.Services.AddHostedService<ProjectorService>();
        builder.Services.AddHealthChecks().AddCheck<ProjectionHealthCheck>("projections", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// The <c>rebuild-projection</c> and <c>resume-projection</c> verbs: the command as the system (audited like the admin
    /// endpoint), then the projection run up to the outbox's head; exit code 1 if an event stops it on the way.
    /// </summary>
    public static async Task<int> RunVerbAsync(IServiceProvider services, string verb, string name)
    {
        var projector = services.GetRequiredService<Projector>();
        if (!projector.Names.Contains(name))
        {
            await Console.Error.WriteLineAsync($"There is no projection '{name}'. Projections: {string.Join(", ", projector.Names)}.");
            return 2;
        }
        if (verb == "rebuild-projection") await CallerScope.SendAsync(services, null, new RebuildProjection(name));
        else await CallerScope.SendAsync(services, null, new ResumeProjection(name));
        var state = await projector.CatchUpAsync(name, CancellationToken.None);
        if (state.Stopped)
        {
            await Console.Error.WriteLineAsync($"Projection {name} stopped at sequence {state.StoppedSeq} ({state.StoppedType}): {state.StoppedReason}");
            return 1;
        }
        Console.WriteLine($"Projection {name} is at sequence {state.Seq}.");
        return 0;
    }

    /// <summary>
    /// The readiness answer as JSON: overall status and each check's status and description, so a stopped projection is named
    /// with its sequence. Degraded still answers 200: the API serves, only the projection's read tables fall behind.
    /// </summary>
    public static Task WriteReadiness(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonSerializerOptions.Web));
    }
}

/// <summary>Runs <see cref="Projector.RunAsync"/> for the life of the process; stopping gives up its leases.</summary>
internal sealed class ProjectorService(Projector projector) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => projector.RunAsync(stoppingToken);
}

/// <summary>Degraded while an event has stopped a projection: names the projection, the sequence and the event type (the reason is for admins).</summary>
internal sealed class ProjectionHealthCheck(IConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = await connections.OpenPrimaryAsync(ct);
            var stopped = (await Dapper.SqlMapper.QueryAsync<Stop>(connection,
                new Dapper.CommandDefinition(ProjectionCursors.StoppedSql.For(connections.Dialect), cancellationToken: ct))).ToList();
            if (stopped.Count == 0) return HealthCheckResult.Healthy();
            return HealthCheckResult.Degraded(string.Join("; ", stopped.Select(s => $"projection {s.Name} stopped at sequence {s.StoppedSeq} ({s.StoppedType})")),
                data: stopped.ToDictionary(s => s.Name, s => (object)s.StoppedSeq));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The projection cursors cannot be read.");
        }
    }

    private sealed class Stop
    {
        public string Name { get; init; } = "";
        public long StoppedSeq { get; init; }
        public string StoppedType { get; init; } = "";
    }
}
