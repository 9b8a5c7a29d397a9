using Hangfire;
using Hangfire.PostgreSql;
using MediatR;
using Registry.Application.Enterprises;
using Registry.Infrastructure.Database;

namespace Registry.Api.Hosting;

/// <summary>
/// Scheduled work on Hangfire: SQLite keeps jobs in memory (they are re-derived from the database at start),
/// PostgreSQL and SQL Server share Hangfire's storage so several instances split the work.
/// </summary>
public static class Jobs
{
    public const string CertificateExpiry = "certificate-expiry";
    public const string DemandClosing = "demand-closing";
    public const string AuditCheckpoint = "audit-checkpoint";
    public const string SignInAttemptRetention = "sign-in-attempt-retention";
    public const string ChallengeDeadlines = "challenge-deadlines";
    public const string TokenPruning = "token-pruning";

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue("Jobs:Enabled", true);

    public static WebApplicationBuilder AddRegistryJobs(this WebApplicationBuilder builder)
    {
        if (!Enabled(builder.Configuration)) return builder;
        builder.Services.AddHangfire((sp, c) =>
        {
            var database = sp.GetRequiredService<DatabaseOptions>();
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            switch (database.Provider)
            {
                case DatabaseProvider.PostgreSql:
                    c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.Primary));
                    break;
                case DatabaseProvider.SqlServer:
                    c.UseSqlServerStorage(database.Primary);
                    break;
                default:
                    c.UseInMemoryStorage();
                    break;
            }
        });
        builder.Services.AddHangfireServer(o => o.WorkerCount = builder.Configuration.GetValue("Jobs:Workers", 2));
        builder.Services.AddTransient<CertificateExpiryJob>();
        builder.Services.AddTransient<DemandClosingJob>();
        builder.Services.AddTransient<AuditCheckpointJob>();
        builder.Services.AddTransient<SignInAttemptRetentionJob>();
        builder.Services.AddTransient<ChallengeDeadlineJob>();
        builder.Services.AddSingleton<Registry.Application.Common.IJobScheduler, HangfireJobScheduler>();
        return builder;
    }

    /// <summary>Registers the recurring jobs (ids in kebab-case, schedules in UTC) and runs the daily ones once at start.</summary>
    public static void ScheduleRegistryJobs(this WebApplication app)
    {
        if (!Enabled(app.Configuration)) return;
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        // 17:00 UTC is 01:00 China Standard Time, the start of the day certificates are dated in.
        recurring.AddOrUpdate<CertificateExpiryJob>(CertificateExpiry, job => job.RunAsync(CancellationToken.None), "0 17 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<DemandClosingJob>(DemandClosing, job => job.RunAsync(CancellationToken.None), "* * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<AuditCheckpointJob>(AuditCheckpoint, job => job.RunAsync(CancellationToken.None), "* * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<SignInAttemptRetentionJob>(SignInAttemptRetention, job => job.RunAsync(CancellationToken.None), "30 17 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<ChallengeDeadlineJob>(ChallengeDeadlines, job => job.RunAsync(CancellationToken.None), "5 * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<TokenPruningJob>(TokenPruning, job => job.RunAsync(CancellationToken.None), "45 17 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<CertificateExpiryJob>(job => job.RunAsync(CancellationToken.None));
    }
}

/// <summary>Closes the demands past their deadline; bids are refused at the deadline by the insert itself, so a late run loses nothing.</summary>
public sealed class DemandClosingJob(IServiceProvider services)
{
    public Task RunAsync(CancellationToken ct) => CallerScope.SendAsync(services, null, new Registry.Application.Demands.CloseDueDemands(), ct);
}

/// <summary>Raises an alert for each challenge unanswered past its deadline; a challenge already alerted is not alerted again.</summary>
public sealed class ChallengeDeadlineJob(IServiceProvider services)
{
    public Task RunAsync(CancellationToken ct) =>
        CallerScope.SendAsync(services, null, new Registry.Application.Challenges.RaiseOverdueChallengeAlerts(), ct);
}

/// <summary>Deletes sign-in attempts older than <c>Access:SignInAttemptRetentionDays</c> (default 180) in short batches.</summary>
public sealed class SignInAttemptRetentionJob(IServiceProvider services, IConfiguration configuration)
{
    public Task RunAsync(CancellationToken ct) => CallerScope.SendAsync(services, null,
        new Registry.Application.Access.PurgeSignInAttempts(configuration.GetValue("Access:SignInAttemptRetentionDays", 180)), ct);
}

/// <summary>
/// Deletes the OAuth token entries and authorizations older than <c>Identity:TokenRetentionDays</c> (default 30, above the
/// 14-day refresh-token lifetime) that can no longer be used.
/// </summary>
public sealed class TokenPruningJob(IServiceProvider services, IConfiguration configuration)
{
    public Task RunAsync(CancellationToken ct) => CallerScope.SendAsync(services, null,
        new Registry.Application.Access.PruneIssuedTokens(configuration.GetValue("Identity:TokenRetentionDays", 30)), ct);
}

/// <summary>Runs <see cref="RunCertificateExpiry"/> as the system; safe to run twice or on two instances at once.</summary>
public sealed class CertificateExpiryJob(IServiceProvider services)
{
    public Task RunAsync(CancellationToken ct) => CallerScope.SendAsync(services, null, new RunCertificateExpiry(), ct);
}

/// <summary>
/// Looks every minute whether a checkpoint is due (Audit:CheckpointEveryRecords / Audit:CheckpointEveryMinutes) and signs one if so;
/// a broken chain fails the run (and shows in the Hangfire dashboard) instead of being signed.
/// </summary>
public sealed class AuditCheckpointJob(IServiceProvider services)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var due = await CallerScope.SendAsync(services, null, new Registry.Application.Audit.CheckAuditCheckpointDue(), ct);
        if (due.Due) await CallerScope.SendAsync(services, null, new Registry.Application.Audit.SignAuditCheckpoint(), ct);
    }
}

/// <summary>Schedules a closing run at each deadline; a run that finds nothing due changes nothing.</summary>
internal sealed class HangfireJobScheduler(IBackgroundJobClient jobs) : Registry.Application.Common.IJobScheduler
{
    public void CloseDemandAt(DateTimeOffset deadline) =>
        jobs.Schedule<DemandClosingJob>(job => job.RunAsync(CancellationToken.None), deadline.AddSeconds(1));
}
