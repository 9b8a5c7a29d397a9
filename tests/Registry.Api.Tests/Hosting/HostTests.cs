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
