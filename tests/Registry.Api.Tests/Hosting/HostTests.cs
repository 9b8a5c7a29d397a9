using System.Net;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Hosting;

public sealed class HostTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Liveness_and_readiness_answer_200_on_a_migrated_database()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint()
    {
        var doc = await (await _client.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = doc.GetProperty("paths");

        foreach (var path in new[] { "/api/v1/bases", "/api/v1/bases/{id}", "/api/v1/reference/regions", "/api/v1/reference/regions/{code}",
                     "/api/v1/reference/domains", "/api/v1/audit/verify" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        foreach (var path in paths.EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
            Assert.False(string.IsNullOrEmpty(operation.Value.GetProperty("summary").GetString()), $"{operation.Name} {path.Name} has no summary");
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_feeds_event_names_subjects_and_every_closed_set_of_their_payloads()
    {
        var schemas = (await (await _client.GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("components").GetProperty("schemas");
        var publicEvents = Registry.Domain.Events.DomainEventTypes.All.Where(d => d.Public).Select(d => d.Name).ToList();
        static List<string> Enum(System.Text.Json.JsonElement schema) => schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToList();

        var item = schemas.GetProperty("FeedItem").GetProperty("properties");
        Assert.Equal(publicEvents, Enum(item.GetProperty("type")));
        Assert.Contains("demand", Enum(item.GetProperty("entityType")));
        Assert.DoesNotContain("bid", Enum(item.GetProperty("entityType")));
        foreach (var name in publicEvents) Assert.True(schemas.TryGetProperty("FeedPayload." + name, out _), name);
        Assert.False(schemas.TryGetProperty("FeedPayload.bid.submitted", out _));

        Assert.Equal(Registry.Domain.Enterprises.Designations.All.Select(d => d.Code),
            Enum(schemas.GetProperty("FeedPayload.designation.granted").GetProperty("properties").GetProperty("designation")));
        Assert.Equal(Registry.Domain.Reference.IndustryDomains.All.Select(d => d.Code),
            Enum(schemas.GetProperty("FeedPayload.enterprise.registered").GetProperty("properties").GetProperty("domains").GetProperty("items")));
        Assert.Equal(["national", "provincial"], Enum(schemas.GetProperty("FeedPayload.base.created").GetProperty("properties").GetProperty("level")));
        Assert.Equal(["evaluating", "unsuccessful"], Enum(schemas.GetProperty("FeedPayload.demand.closed").GetProperty("properties").GetProperty("status")));
        Assert.Equal(Registry.Domain.Exclusions.ExclusionTypes.All,
            Enum(schemas.GetProperty("FeedPayload.exclusion.recorded").GetProperty("properties").GetProperty("type")));
        var published = schemas.GetProperty("FeedPayload.demand.published").GetProperty("properties");
        Assert.Equal("date-time", published.GetProperty("bidDeadline").GetProperty("format").GetString());
    }

    [Fact]
    public async Task The_interactive_reference_is_served_at_docs()
    {
        var response = await _client.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem()
    {
        var problem = await (await _client.GetAsync("/api/v1/nothing-here")).ProblemAsync(404);
        Assert.Equal("/problems/not-found", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Responses_are_camel_case_json()
    {
        var text = await (await _client.GetAsync("/api/v1/reference/regions/510100")).Content.ReadAsStringAsync();
        Assert.Contains("\"nameZh\"", text, StringComparison.Ordinal);
        Assert.Contains("\"parentCode\"", text, StringComparison.Ordinal);
    }
}

/// <summary>A database that breaks under the API must give a 500 problem with a trace id and nothing internal.</summary>
public sealed class UnexpectedFailureTests : IAsyncLifetime
{
    private readonly SqliteApi _api = new();

    public Task InitializeAsync() => ((IAsyncLifetime)_api).InitializeAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_with_a_trace_id_and_no_internals()
    {
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "drop table base_directory";
            await command.ExecuteNonQueryAsync();
        }

        var response = await _api.CreateClient().GetAsync("/api/v1/bases");
        var text = await response.Content.ReadAsStringAsync();
        var problem = await response.ProblemAsync(500);

        Assert.Equal("/problems/internal-error", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("base_directory", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite", text, StringComparison.OrdinalIgnoreCase);
    }
}
