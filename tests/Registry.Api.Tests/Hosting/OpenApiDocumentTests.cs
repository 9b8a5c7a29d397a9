using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Hosting;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;

namespace Registry.Api.Tests.Hosting;

/// <summary>The OpenAPI document is a contract: it says who may call what, with which values, headers and errors (docs/api.md).</summary>
public sealed class OpenApiDocumentTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head"];

    private static readonly HashSet<string> EnumLikeParameters =
    [
        "status", "domain", "modality", "taskType", "securityLevel", "clearance", "openness", "designation", "level", "severity",
        "certificateStatus", "sort", "format",
    ];

    private async Task<JsonElement> DocumentAsync() => await (await api.CreateClient().GetAsync("/openapi/v1.json")).SucceededJsonAsync();

    private IEnumerable<RouteEndpoint> ApiEndpoints() => api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true);

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where Methods.Contains(operation.Name)
        select (operation.Name, path.Name, operation.Value);

    private static bool IsPublic(RouteEndpoint e) => e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetMetadata<IAuthorizeData>() is null;

    [Fact]
    public void Every_api_endpoint_sends_a_declared_request_and_is_public_exactly_when_its_request_is()
    {
        var problems = new List<string>();
        foreach (var endpoint in ApiEndpoints())
        {
            var name = $"{endpoint.DisplayName}";
            var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
            if (handler is null) { problems.Add($"{name}: no handler method"); continue; }
            var requests = EndpointCode.Of(handler).Requests;
            if (requests.Count == 0) { problems.Add($"{name}: sends no request through the mediator"); continue; }
            foreach (var request in requests)
            {
                var (isPublic, roles) = AccessPolicy.Of(request);
                if (!isPublic && roles is null) problems.Add($"{name}: {request.Name} declares neither [Public] nor [AllowedFor]");
                if (isPublic != IsPublic(endpoint)) problems.Add($"{name}: {request.Name} is {(isPublic ? "" : "not ")}[Public] but the endpoint is {(IsPublic(endpoint) ? "anonymous" : "authorized")}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_operation_has_a_description_and_the_security_its_request_declares()
    {
        var document = await DocumentAsync();
        var byName = ApiEndpoints().Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
            .ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName);
        var checkedRoles = 0;
        foreach (var (method, path, operation) in Operations(document).Where(o => o.Path.StartsWith("/api/v1", StringComparison.Ordinal)))
        {
            var description = operation.TryGetProperty("description", out var d) ? d.GetString() : null;
            Assert.False(string.IsNullOrWhiteSpace(description), $"{method} {path} has no description");
            var secured = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            if (!operation.TryGetProperty("operationId", out var id) || !byName.TryGetValue(id.GetString()!, out var endpoint)) continue;
            Assert.Equal(!IsPublic(endpoint), secured);
            if (secured) Assert.True(security[0].TryGetProperty(ContractOpenApi.SecurityScheme, out _), $"{method} {path} names no oauth2 scheme");
            foreach (var request in EndpointCode.Of(endpoint.Metadata.GetMetadata<MethodInfo>()!).Requests)
            foreach (var role in AccessPolicy.Of(request).Roles ?? [])
            {
                Assert.Contains(role, description, StringComparison.Ordinal);
                checkedRoles++;
            }
        }
        Assert.True(checkedRoles > 50, $"only {checkedRoles} roles were checked");
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(ContractOpenApi.SecurityScheme).GetProperty("flows");
        Assert.Equal("/connect/token", scheme.GetProperty("clientCredentials").GetProperty("tokenUrl").GetString());
        Assert.Equal("/connect/authorize", scheme.GetProperty("authorizationCode").GetProperty("authorizationUrl").GetString());
    }

    [Fact]
    public async Task Operations_declare_the_version_location_and_idempotency_headers_their_handlers_use()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).Where(o => o.Operation.TryGetProperty("operationId", out _))
            .ToDictionary(o => o.Operation.GetProperty("operationId").GetString()!, o => o.Operation);
        static IEnumerable<string> Headers(JsonElement operation) => operation.TryGetProperty("parameters", out var ps)
            ? ps.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()!) : [];
        static bool Answers(JsonElement operation, string status, string header) =>
            operation.GetProperty("responses").TryGetProperty(status, out var r) && r.TryGetProperty("headers", out var h) && h.TryGetProperty(header, out _);

        foreach (var endpoint in ApiEndpoints())
        {
            if (endpoint.Metadata.GetMetadata<IEndpointNameMetadata>() is not { } name || !operations.TryGetValue(name.EndpointName, out var operation)) continue;
            var facts = EndpointCode.Of(endpoint.Metadata.GetMetadata<MethodInfo>()!);
            Assert.Equal(facts.ReadsIfMatch, Headers(operation).Contains("If-Match"));
            Assert.Equal(facts.Requests.Any(r => typeof(ICommand).IsAssignableFrom(r)), Headers(operation).Contains("Idempotency-Key"));
            if (facts.WritesLocation) Assert.True(Answers(operation, "201", "Location"), $"{name.EndpointName} does not declare Location");
        }
        Assert.Contains("If-Match", Headers(operations["PublishDemand"]));
        Assert.Contains("Idempotency-Key", Headers(operations["SubmitBid"]));
        Assert.True(Answers(operations["GetDemand"], "200", "ETag"));
        Assert.True(Answers(operations["CreateDemand"], "201", "Location"));
    }

    [Fact]
    public async Task Numbers_are_numbers_never_number_or_string()
    {
        var unions = new List<string>();
        void Walk(JsonElement e, string at)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                if (e.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
                {
                    var kinds = type.EnumerateArray().Select(t => t.GetString()).ToList();
                    if (kinds.Contains("string") && (kinds.Contains("number") || kinds.Contains("integer"))) unions.Add(at);
                }
                foreach (var p in e.EnumerateObject()) Walk(p.Value, at + "/" + p.Name);
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in e.EnumerateArray()) Walk(item, $"{at}/{i++}");
            }
        }
        Walk(await DocumentAsync(), "");
        Assert.True(unions.Count == 0, string.Join("\n", unions));
    }

    [Fact]
    public async Task The_documented_example_creates_a_demand_and_the_same_body_with_a_quoted_number_is_refused()
    {
        var document = await DocumentAsync();
        var example = document.GetProperty("paths").GetProperty("/api/v1/demands").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText();
        var agency = await api.ClientAsAsync("cd.health");
        static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");

        var quoted = System.Text.Json.Nodes.JsonNode.Parse(example)!;
        quoted["volume"] = quoted["volume"]!.ToJsonString();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await agency.PostAsync("/api/v1/demands", Json(quoted.ToJsonString()))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Created, (await agency.PostAsync("/api/v1/demands", Json(example))).StatusCode);
    }

    [Fact]
    public async Task Every_closed_set_parameter_and_field_is_an_enum_of_the_validators_list()
    {
        var document = await DocumentAsync();
        var missing = new List<string>();
        foreach (var (method, path, operation) in Operations(document))
        foreach (var p in operation.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            var name = p.GetProperty("name").GetString()!;
            var schema = p.GetProperty("schema");
            if (schema.TryGetProperty("items", out var items)) schema = items;
            if (EnumLikeParameters.Contains(name) && !schema.TryGetProperty("enum", out _)) missing.Add($"{method} {path} ?{name}");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));

        var schemas = document.GetProperty("components").GetProperty("schemas");
        static List<string> Enum(JsonElement schema) => schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToList();
        var search = Operations(document).Single(o => o.Operation.TryGetProperty("operationId", out var id) && id.GetString() == "SearchDemands").Operation;
        Assert.Equal(Registry.Application.Demands.SearchDemandsValidator.Sorts,
            Enum(search.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "sort").GetProperty("schema")));
        Assert.Equal(Registry.Domain.Demands.DemandStatus.All, Enum(schemas.GetProperty("DemandView").GetProperty("properties").GetProperty("status")));
        Assert.Equal(Registry.Domain.Reference.Modalities.All.Select(m => m.Code),
            Enum(schemas.GetProperty("CreateDemand").GetProperty("properties").GetProperty("modality")));
    }

    [Theory]
    [InlineData("SearchEnterprises", "modality,taskType,domain,designation")]
    [InlineData("SearchCatalog", "domain,modality,taskType,securityLevel,openness")]
    [InlineData("SearchDemands", "status,domain,modality")]
    public async Task A_list_filter_is_an_exploded_array_of_its_closed_set_and_the_others_take_one_value(string operationId, string lists)
    {
        var document = await DocumentAsync();
        var search = Operations(document).Single(o => o.Operation.TryGetProperty("operationId", out var id) && id.GetString() == operationId).Operation;

        foreach (var p in search.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
        {
            var name = p.GetProperty("name").GetString()!;
            var schema = p.GetProperty("schema");
            var isArray = schema.TryGetProperty("type", out var type) && type.ToString().Contains("array", StringComparison.Ordinal);
            Assert.True(isArray == lists.Split(',').Contains(name), $"{operationId} ?{name}: {schema}");
            if (!isArray) continue;
            Assert.True(p.TryGetProperty("explode", out var explode) && explode.GetBoolean(), $"{operationId} ?{name} is not explode: true: {p}");
            Assert.Equal("form", p.TryGetProperty("style", out var style) ? style.GetString() : "form");
            Assert.True(schema.GetProperty("items").GetProperty("enum").GetArrayLength() > 1, $"{operationId} ?{name}: {schema}");
        }
    }

    [Fact]
    public async Task Nullable_fields_are_optional_and_problems_carry_type_code_errors_and_trace_id()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        static IEnumerable<string> Required(JsonElement schema) =>
            schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(v => v.GetString()!) : [];

        Assert.DoesNotContain("reason", Required(schemas.GetProperty("AwardBody")));
        Assert.Contains("bidId", Required(schemas.GetProperty("AwardBody")));
        var problem = schemas.GetProperty("ProblemDetails").GetProperty("properties");
        foreach (var field in new[] { "type", "code", "errors", "traceId" }) Assert.True(problem.TryGetProperty(field, out _), field);
        Assert.Contains("/problems/precondition-failed", problem.GetProperty("type").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_parameter_and_request_field_is_described_and_every_json_body_has_an_example()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var missing = new List<string>();
        foreach (var (method, path, operation) in Operations(document))
        {
            foreach (var p in operation.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : Enumerable.Empty<JsonElement>())
                if (!p.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString()))
                    missing.Add($"{method} {path} parameter {p.GetProperty("name").GetString()}");
            if (!operation.TryGetProperty("requestBody", out var body) || !body.GetProperty("content").TryGetProperty("application/json", out var json)) continue;
            if (!json.TryGetProperty("example", out _)) missing.Add($"{method} {path}: no example");
            var schema = json.GetProperty("schema");
            if (schema.TryGetProperty("oneOf", out var oneOf)) schema = oneOf.EnumerateArray().Last();
            if (!schema.TryGetProperty("$ref", out var reference)) continue;
            var target = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
            foreach (var property in target.TryGetProperty("properties", out var properties) ? properties.EnumerateObject() : Enumerable.Empty<JsonProperty>())
                if (!property.Value.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString()))
                    missing.Add($"{method} {path} field {property.Name}");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));

        var import = document.GetProperty("paths").GetProperty("/api/v1/catalog/import").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.Equal("string", import.GetProperty("text/csv").GetProperty("schema").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Every_property_of_every_component_schema_says_more_than_its_name()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var missing = new List<string>();
        var walked = 0;
        void Walk(JsonElement schema, string at)
        {
            if (schema.ValueKind != JsonValueKind.Object) return;
            foreach (var property in schema.TryGetProperty("properties", out var ps) ? ps.EnumerateObject() : Enumerable.Empty<JsonProperty>())
            {
                walked++;
                var description = property.Value.TryGetProperty("description", out var d) ? d.GetString() : null;
                if (string.IsNullOrWhiteSpace(description)) missing.Add($"{at}.{property.Name}: no description");
                else if (RestatesTheName(property.Name, description)) missing.Add($"{at}.{property.Name}: \"{description}\" only restates the name");
                Walk(property.Value, $"{at}.{property.Name}");
            }
            foreach (var nested in new[] { "items", "additionalProperties" })
                if (schema.TryGetProperty(nested, out var inner)) Walk(inner, $"{at}[]");
            foreach (var union in new[] { "oneOf", "anyOf", "allOf" })
                if (schema.TryGetProperty(union, out var parts))
                    foreach (var part in parts.EnumerateArray()) Walk(part, at);
        }
        foreach (var schema in schemas.EnumerateObject()) Walk(schema.Value, schema.Name);

        Assert.True(walked > 1000, $"only {walked} properties were walked");
        Assert.True(missing.Count == 0, $"{missing.Count} properties lack a description:\n" + string.Join("\n", missing));
    }

    /// <summary>"The name." for <c>name</c>, "The status." for <c>status</c>: a description that only spells the field's name.</summary>
    private static bool RestatesTheName(string name, string description)
    {
        var words = System.Text.RegularExpressions.Regex.Replace(name, "([a-z0-9])([A-Z])", "$1 $2").ToLowerInvariant();
        var said = description.Trim().TrimEnd('.').ToLowerInvariant();
        if (said.StartsWith("the ", StringComparison.Ordinal)) said = said[4..];
        if (said.StartsWith("a ", StringComparison.Ordinal)) said = said[2..];
        return said == words || said == words + "s" || said + "s" == words;
    }

    [Fact]
    public async Task Spectral_finds_nothing_to_say_about_the_document()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Registry.Web");
        var spectral = Path.Combine(web, "node_modules", ".bin", "spectral");
        Assert.True(File.Exists(spectral), $"{spectral} is missing: run `npm ci` in src/Registry.Web (infra/test.sh does).");
        var file = Path.Combine(Path.GetTempPath(), $"registry-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, (await DocumentAsync()).GetRawText());
        try
        {
            var start = new ProcessStartInfo(spectral)
            {
                WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true,
                ArgumentList = { "lint", file, "--ruleset", Path.Combine(RepositoryRoot(), ".spectral.yaml"), "--fail-severity", "hint", "--format", "text" },
            };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"spectral lint exited {process.ExitCode}:\n{output}\n{error}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Registry.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Registry.sln not found above " + AppContext.BaseDirectory);
    }
}
