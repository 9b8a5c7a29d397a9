using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Registry.Api.Endpoints;
using Registry.Api.Hosting;
using Registry.Api.Identity;
using Registry.Infrastructure.Identity;
using Registry.Application;
using Registry.Application.Common;
using Registry.Infrastructure;
using Registry.Infrastructure.Database;
using Scalar.AspNetCore;

// Verbs: `migrate` applies the migrations and exits; `seed-demo` also fills the demo data; `rebuild-projection <name>` and
// `resume-projection <name>` rebuild or resume an outbox projection and run it to the head; `seed-scale` adds national-scale data
// (docs/performance.md). No verb serves the API.
var verb = args.FirstOrDefault() is "migrate" or "seed-demo" or "rebuild-projection" or "resume-projection" or ScaleSeedVerb.Name ? args[0] : null;
var operand = verb is "rebuild-projection" or "resume-projection" ? args.ElementAtOrDefault(1) : null;
if (verb is "rebuild-projection" or "resume-projection" && string.IsNullOrWhiteSpace(operand))
{
    await Console.Error.WriteLineAsync($"Usage: {verb} <projection name> (see GET /api/v1/admin/projections).");
    return 2;
}
var (scale, hostArgs, scaleProblem) = verb == ScaleSeedVerb.Name ? ScaleSeedVerb.Parse(args[1..], DateTimeOffset.UtcNow) : (null, args, null);
if (scaleProblem is not null)
{
    await Console.Error.WriteLineAsync($"{scaleProblem} Usage: seed-scale [--enterprises N] [--catalog N] [--demands N] [--bids N] [--seed 1..999]");
    return 2;
}
var builder = WebApplication.CreateBuilder(verb is null ? args : scale is not null ? hostArgs : args[(operand is null ? 1 : 2)..]);
if (verb is "seed-demo" or ScaleSeedVerb.Name && !builder.Environment.IsDevelopment())
{
    // Demo organizations with published passwords and secrets must never reach a real registry.
    await Console.Error.WriteLineAsync(
        $"{verb} runs only in Development (ASPNETCORE_ENVIRONMENT=Development); this is {builder.Environment.EnvironmentName}. Nothing was changed.");
    return 2;
}

builder.Services.AddSingleton(sp => Registry.Infrastructure.DependencyInjection.ReadDatabaseOptions(
    sp.GetRequiredService<IConfiguration>(), builder.Environment.ContentRootPath));
builder.Services.AddSingleton(SearchSynonymsFile.Load(builder.Configuration, builder.Environment.ContentRootPath));
builder.Services.AddApplication().AddInfrastructure();
builder.Services.AddHandlersFrom(typeof(Program).Assembly);
builder.Services.AddHttpContextAccessor();
CallerScope.Register(builder.Services);
builder.AddRegistryHardening();
builder.AddRegistrySecurity();
builder.AddRegistryAuditSigning();
builder.AddRegistryJobs();
builder.AddRegistryProjections();
builder.AddRegistryMatching();
builder.AddRegistrySearchIndexes();
builder.AddRequestLimits();
builder.AddApiContract();
builder.Services.AddSingleton(builder.Configuration.GetSection("Bidding").Get<Registry.Application.Demands.BiddingOptions>()
    ?? new Registry.Application.Demands.BiddingOptions());
builder.Services.AddSingleton((builder.Configuration.GetSection("Ocds").Get<Registry.Application.Ocds.OcdsOptions>()
    ?? new Registry.Application.Ocds.OcdsOptions()).Validated());
builder.Services.AddSingleton(builder.Configuration.GetSection("Statistics").Get<Registry.Application.Statistics.StatisticsOptions>()
    ?? new Registry.Application.Statistics.StatisticsOptions());

builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
{
    c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
    c.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? c.HttpContext.TraceIdentifier;
    // Framework answers (unknown route, wrong method, ...) get the same stable problem types as the application's.
    if (c.ProblemDetails.Type?.StartsWith(ProblemDetailsHandler.TypePrefix, StringComparison.Ordinal) != true)
    {
        c.ProblemDetails.Type = ProblemDetailsHandler.TypePrefix + c.ProblemDetails.Status switch
        {
            404 => "not-found", 405 => "method-not-allowed", 401 => "unauthorized", 403 => "forbidden", 413 => "payload-too-large",
            415 => "unsupported-media-type", 429 => "rate-limited",
            _ => "http-" + c.ProblemDetails.Status,
        };
    }
    // The framework's own titles (Not Found, Method Not Allowed, ...) in the request's language; English keeps the framework's.
    if (Texts.IsChinese && Languages.FrameworkTitleOf(c.ProblemDetails.Status) is { } title) c.ProblemDetails.Title = Texts.Get(title);
    c.HttpContext.Response.Headers.ContentLanguage = Texts.IsChinese ? Languages.Chinese.Name : Languages.English.Name;
    // Every problem names its machine code, the type's last segment in snake_case (docs/api.md lists them).
    c.ProblemDetails.Extensions.TryAdd("code", c.ProblemDetails.Type![ProblemDetailsHandler.TypePrefix.Length..].Replace('-', '_'));
});
builder.Services.AddExceptionHandler<ProblemDetailsHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.Configure<JsonOptions>(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
    o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    // Numbers are JSON numbers: the web defaults' quoted numbers would make every number `number|string` in the contract.
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
});
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "Registry — national data labeling public-service platform API";
    doc.Info.Description = "Public data labeling directory, certified enterprises, national labeling bases, supply and demand. " +
        "Errors are RFC 9457 problem details.";
    return Task.CompletedTask;
}).AddFeedSchemas().AddRegistryContract());
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

var app = builder.Build();

var database = app.Services.GetRequiredService<DatabaseOptions>();
if (verb is not null || database.MigrateOnStart)
    DatabaseMigrator.MigrateUp(database, app.Services.GetRequiredService<ILoggerFactory>());
if (verb == "migrate")
{
    Console.WriteLine($"Migrated the {database.Provider} database.");
    return 0;
}
await using (var scope = app.Services.CreateAsyncScope())
{
    var redirectUris = app.Services.GetRequiredService<Registry.Api.Hosting.IdentityOptions>().PortalRedirectUris;
    if (redirectUris.Length == 0)
        app.Logger.LogWarning("Identity:PortalRedirectUris is empty: the registry-portal client has no redirect address, so nobody can " +
            "sign in through it. Configure the portal's https callback addresses (docs/operations.md).");
    await PortalClient.EnsureAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(), redirectUris, CancellationToken.None);
}
if (verb == "seed-demo")
{
    var seeded = await DemoData.SeedAsync(app.Services, app.Logger);
    Console.WriteLine(seeded ? "Demo data seeded." : "Demo data not seeded: the database already has organizations.");
    return 0;
}
if (operand is not null) return await Projections.RunVerbAsync(app.Services, verb!, operand);
if (scale is not null) return await ScaleSeedVerb.RunAsync(app.Services, scale, app.Logger, CancellationToken.None);
// A first run in Development fills the demo data; Production never does.
if (app.Environment.IsDevelopment()) await DemoData.SeedAsync(app.Services, app.Logger);

app.ScheduleRegistryJobs();

app.UseRegistryLanguages();
app.UseHeadAsGet();
app.UseRouting();
app.UseRegistryHardening();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestLimits();
app.UsePortal();
app.UseTokenRequestLog();
app.UseRegistryAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

var api = app.MapGroup("/api/v1").WithQueryRules();
api.MapReference();
api.MapBases();
api.MapAudit();
api.MapOrganizations();
api.MapAdmin();
api.MapEnterprises();
api.MapAlerts();
api.MapStatistics();
api.MapJobs();
api.MapCatalog();
api.MapDemands();
api.MapMatching();
api.MapInvitations();
api.MapTender();
api.MapInbox();
api.MapChallenges();
api.MapContracts();
api.MapExclusions();
api.MapFeed();
api.MapNodes();
api.MapOcds();
api.MapProjections();
app.MapConnect();
app.MapAccountPages();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/docs", o =>
{
    o.WithTitle("Registry API").AddPreferredSecuritySchemes(ContractOpenApi.SecurityScheme);
    // Development offers the demo agency's published client, so Authorize works as the demo's curl recipes do.
    if (app.Environment.IsDevelopment())
        o.AddClientCredentialsFlow(ContractOpenApi.SecurityScheme, flow => flow
            .WithClientId(DemoData.ScalarClient.ClientId).WithClientSecret(DemoData.ScalarClient.ClientSecret)
            .WithSelectedScopes([OpenIddictClientRegistry.ApiScope]));
}).AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = Projections.WriteReadiness })
    .AllowAnonymous();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var url = app.Urls.FirstOrDefault() ?? "http://localhost:5000";
    app.Logger.LogInformation("Registry is running on {Provider}. Portal: {Url}/  API reference: {Url}/docs  Health: {Url}/health/ready  Bases: {Url}/api/v1/bases",
        database.Provider, url, url, url, url);
    if (app.Environment.IsDevelopment()) DemoData.PrintWelcome(url);
});

app.Run();
return 0;

/// <summary>The host, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
