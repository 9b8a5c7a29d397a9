using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Api.Hosting;
using Registry.Api.Tests.Alerts;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Time;

namespace Registry.Api.Tests.Hosting;

/// <summary>
/// The contract an integrator codes against: a request the framework cannot bind is a field error naming the field as the
/// caller wrote it and what was expected; date-times state their offset; messages show China time; every problem has a code;
/// HEAD answers wherever GET does; and the caller's mistakes are not logged as the server's errors.
/// </summary>
public abstract class ApiContractTests(RegistryApi api)
{
    // What the framework would otherwise show of itself: parameter declarations, type names, its own advice.
    private static readonly string[] Internals = ["Implicit body", "parameter", "Nullable", "System.", "Int32", "Decimal", "DateOnly", "from the request body"];

    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.ProblemAsync(400);
        var text = problem.ToString();
        foreach (var word in Internals) Assert.DoesNotContain(word, text, StringComparison.Ordinal);
        Assert.Equal("/problems/validation-failed", problem.GetProperty("type").GetString());
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error on '{field}': {text}");
        return messages[0].GetString()!;
    }

    [Theory]
    [InlineData("/api/v1/catalog", """{"volume":true}""", "volume", "a number such as 1200.50")]
    [InlineData("/api/v1/catalog", """{"title":{"zh":"影像"}}""", "title", "a string")]
    [InlineData("/api/v1/catalog", """{"volume":1e30}""", "volume", "a number such as 1200.50")]
    [InlineData("/api/v1/catalog", """{"taskTypes":["bounding_box",3]}""", "taskTypes[1]", "a string")]
    [InlineData("/api/v1/demands", """{"requiredGrade":1e30}""", "requiredGrade", "a whole number")]
    [InlineData("/api/v1/demands", """{"requiredGrade":true}""", "requiredGrade", "a whole number")]
    [InlineData("/api/v1/demands", """{"dueDate":"2026-02-30"}""", "dueDate", "a date that exists, such as 2026-12-08")]
    [InlineData("/api/v1/demands", """{"evaluation":{"priceWeight":[1]}}""", "evaluation.priceWeight", "a whole number")]
    [InlineData("/api/v1/demands", """{"bidDeadline":20261208}""", "bidDeadline", "a date-time with an offset such as 2026-12-08T10:00:00+08:00")]
    public async Task A_JSON_value_of_the_wrong_type_is_a_field_error_naming_the_field_and_what_was_expected(string path, string json, string field,
        string expected)
    {
        var agency = await api.ClientAsAsync("cd.health");

        var message = await FieldErrorAsync(await agency.PostAsync(path, Raw(json)), field);

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_that_is_not_JSON_is_a_field_error_saying_where_it_stops_being_JSON()
    {
        var agency = await api.ClientAsAsync("cd.health");

        var message = await FieldErrorAsync(await agency.PostAsync("/api/v1/catalog", Raw("{\"title\":")), "title");

        Assert.Contains("not valid JSON (line 1", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/catalog?page=abc", "page", "'abc' is not a whole number")]
    [InlineData("/api/v1/demands?minBudget=lots", "minBudget", "'lots' is not a number")]
    [InlineData("/api/v1/enterprises?baseId=chengdu", "baseId", "'chengdu' is not an identifier")]
    public async Task A_query_value_that_does_not_parse_is_a_field_error_naming_the_parameter(string path, string field, string expected)
    {
        var message = await FieldErrorAsync(await api.CreateClient().GetAsync(path), field);

        Assert.StartsWith(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_that_needs_a_body_and_gets_none_says_so()
    {
        var agency = await api.ClientAsAsync("cd.health");

        var message = await FieldErrorAsync(await agency.PostAsync("/api/v1/catalog", null), "body");

        Assert.Contains("needs a JSON body", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_acknowledgement_needs_no_body_and_no_content_type()
    {
        var alert = await AlertArrange.OpenAsync(api);
        var regulator = await api.ClientAsAsync("sichuan");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/alerts/{alert}/acknowledge");
        request.Headers.IfMatch.Add(await regulator.ETagAsync($"/api/v1/alerts/{alert}/acknowledge"));

        var acknowledged = await regulator.SendAsync(request);

        Assert.Equal("acknowledged", (await acknowledged.SucceededJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_date_time_without_an_offset_is_refused_in_a_body_as_needing_one()
    {
        var agency = await api.ClientAsAsync("cd.health");

        var message = await FieldErrorAsync(await agency.PostAsync("/api/v1/demands", Raw("""{"bidDeadline":"2026-12-08T10:00:00"}""")), "bidDeadline");

        Assert.Contains("offset is required", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_time_without_an_offset_is_refused_in_a_query_and_accepted_with_one()
    {
        var anonymous = api.CreateClient();

        var message = await FieldErrorAsync(await anonymous.GetAsync("/api/v1/demands?deadlineFrom=2026-12-08T10:00:00"), "deadlineFrom");
        Assert.Contains("offset is required", message, StringComparison.Ordinal);

        var china = await anonymous.GetAsync("/api/v1/demands?deadlineFrom=" + Uri.EscapeDataString("2026-12-08T10:00:00+08:00"));
        await china.SucceededJsonAsync();
        await (await anonymous.GetAsync("/api/v1/demands?deadlineFrom=2026-12-08T02:00:00Z")).SucceededJsonAsync();
    }

    [Fact]
    public async Task Sealed_bids_say_until_when_in_China_time_with_its_offset()
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, "密封期中国时间");

        var refused = await (await (await api.ClientAsAsync("cd.health")).GetAsync($"/api/v1/demands/{demand}/bids")).ProblemAsync(403);

        var detail = refused.GetProperty("detail").GetString()!;
        Assert.Contains(ChinaTime.Format(deadline), detail, StringComparison.Ordinal);
        Assert.EndsWith("(UTC+08:00).", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_that_takes_one_value_refuses_two_instead_of_reading_them_as_one()
    {
        var message = await FieldErrorAsync(await api.CreateClient().GetAsync("/api/v1/catalog?region=510000&region=340000"), "region");

        Assert.Contains("takes one value", message, StringComparison.Ordinal);
        await (await api.CreateClient().GetAsync("/api/v1/catalog?region=510000")).SucceededJsonAsync();
        await (await api.CreateClient().GetAsync("/api/v1/catalog?taskType=bounding_box&taskType=classification")).SucceededJsonAsync();
    }

    [Fact]
    public async Task HEAD_answers_wherever_GET_does_with_its_headers_and_no_body()
    {
        var client = api.CreateClient();
        var get = await client.GetAsync("/api/v1/bases");
        var getBody = await get.Content.ReadAsByteArrayAsync();

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/bases"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(getBody.Length, head.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/no-such-thing"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/no-such-thing", null, 404, "not_found")]
    [InlineData("DELETE", "/api/v1/bases", null, 405, "method_not_allowed")]
    [InlineData("POST", "/api/v1/catalog", "text/plain", 415, "unsupported_media_type")]
    [InlineData("GET", "/api/v1/organizations", null, 401, "unauthorized")]
    public async Task Framework_answers_carry_a_stable_code_too(string method, string path, string? mediaType, int status, string code)
    {
        var client = mediaType is null ? api.CreateClient() : await api.ClientAsAsync("cd.health");
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (mediaType is not null) request.Content = new StringContent("标题", Encoding.UTF8, mediaType);

        var problem = await (await client.SendAsync(request)).ProblemAsync(status);

        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("/problems/" + code.Replace('_', '-'), problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_callers_mistakes_are_not_logged_as_errors_and_a_token_request_logs_one_line()
    {
        var logs = new CapturedLogs();
        await using var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        var demo = DemoData.Organizations.Single(o => o.Username == "cd.health");
        var token = await (await RegistryApi.RequestTokenAsync(host, demo.ClientId, demo.ClientSecret)).SucceededJsonAsync();
        var agency = RegistryApi.BearerClient(host, token.GetProperty("access_token").GetString()!);

        await (await agency.PostAsync("/api/v1/catalog", Raw("""{"volume":true}"""))).ProblemAsync(400);
        await (await agency.GetAsync("/api/v1/catalog?page=abc")).ProblemAsync(400);
        await (await agency.GetAsync($"/api/v1/demands/{Guid.NewGuid()}")).ProblemAsync(404);
        await (await host.CreateClient().GetAsync("/api/v1/organizations")).ProblemAsync(401);

        var loud = logs.Entries.Where(e => e.Level >= LogLevel.Warning && (e.Exception is not null || e.Level >= LogLevel.Error)).ToList();
        Assert.True(loud.Count == 0, string.Join("\n", loud.Select(e => $"{e.Level} {e.Category}: {e.Message}")));
        Assert.Single(logs.Entries, e => e.Category == "Registry.Api.Identity.TokenRequests");
        Assert.DoesNotContain(logs.Entries, e => e.Category.StartsWith("OpenIddict", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
    }
}

public sealed class ApiContractTests_Sqlite(SqliteApi api) : ApiContractTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class ApiContractTests_PostgreSql(PostgreSqlApi api) : ApiContractTests(api), IClassFixture<PostgreSqlApi>;
