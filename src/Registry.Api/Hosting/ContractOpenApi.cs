using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Alerts;
using Registry.Domain.Bases;
using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Exclusions;
using Registry.Domain.Reference;
using Registry.Infrastructure.Identity;

namespace Registry.Api.Hosting;

/// <summary>
/// Makes the OpenAPI document a contract an integrator can trust (docs/api.md): OAuth 2.0 schemes and, per operation,
/// the security requirement and roles of the request its handler sends (<see cref="EndpointCode"/>); every closed set of
/// values as an enum taken from the lists the validators check; the version, location and idempotency headers the
/// handlers read or write; nullable fields optional; the problem details every error answers with.
/// </summary>
public static class ContractOpenApi
{
    public const string SecurityScheme = "oauth2";

    /// <summary>The problem types the API answers with (docs/api.md), besides a business rule's own code at 422.</summary>
    public static IReadOnlyList<string> ProblemTypes { get; } =
    [
        "validation-failed", "bad-request", "unauthorized", "forbidden", "not-found", "method-not-allowed", "invalid-transition",
        "precondition-failed", "payload-too-large", "rate-limited", "idempotency-key-reused", "internal-error",
    ];

    private static List<string> Codes(IEnumerable<ReferenceItem> items) => items.Select(i => i.Code).ToList();

    /// <summary>Closed sets by field or query parameter name: the same lists the validators check against.</summary>
    private static readonly Dictionary<string, IReadOnlyList<string>> ClosedSets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["domain"] = Codes(IndustryDomains.All), ["domains"] = Codes(IndustryDomains.All),
        ["modality"] = Codes(Modalities.All), ["modalities"] = Codes(Modalities.All),
        ["taskType"] = Codes(TaskTypes.All), ["taskTypes"] = Codes(TaskTypes.All),
        ["securityLevel"] = Codes(DataSecurityLevels.All), ["clearance"] = Codes(DataSecurityLevels.All),
        ["openness"] = Codes(Openness.All),
        ["designation"] = Codes(Designations.All), ["designations"] = Codes(Designations.All),
        ["level"] = BaseLevels.All,
        ["severity"] = AlertSeverity.All,
        ["certificateStatus"] = CertificateStatus.All,
        ["volumeUnit"] = Application.Catalog.CatalogUnits.VolumeUnits,
        ["format"] = ["json", "csv"],
        ["demandStatus"] = DemandStatus.All,
        ["role"] = Roles.All,
        ["metric"] = Application.Statistics.GetStatisticsSeries.Metrics.Keys.ToList(),
        ["by"] = Application.Statistics.GetStatisticsBreakdown.Dimensions.Keys.ToList(),
    };

    /// <summary>Which status list a <c>status</c> field or parameter means, by the first word of its schema or request name found here.</summary>
    private static readonly (string Word, IReadOnlyList<string> Values)[] Statuses =
    [
        ("Bid", BidStatus.All), ("Contract", ContractStatus.All), ("Question", QuestionStatus.All), ("Complaint", ComplaintStatus.All),
        ("Challenge", ChallengeStatus.All), ("Application", ApplicationStatus.All), ("Certificat", CertificateStatus.All),
        ("Alert", AlertStatus.All), ("Exclusion", ExclusionStatus.All), ("Deliver", DeliveryStatus.All), ("Catalog", Domain.Catalog.CatalogStatus.All),
        ("Demand", DemandStatus.All),
    ];

    /// <summary>Closed sets that depend on the request: <c>sort</c>, <c>kind</c> and <c>type</c>.</summary>
    private static readonly Dictionary<(Type, string), IReadOnlyList<string>> ByRequest = new()
    {
        [(typeof(Application.Demands.SearchDemands), "sort")] = Application.Demands.SearchDemandsValidator.Sorts,
        [(typeof(Application.Catalog.SearchCatalog), "sort")] = Application.Catalog.SearchCatalogValidator.Sorts,
        [(typeof(Application.Enterprises.SearchEnterprises), "sort")] = Application.Enterprises.SearchEnterprisesValidator.Sorts,
        [(typeof(Application.Inbox.ListInbox), "kind")] = Application.Inbox.ListInbox.Kinds,
        [(typeof(Application.Alerts.ListAlerts), "type")] = AlertTypes.All,
    };

    public static IReadOnlyList<string>? ClosedSet(string name, string context, IEnumerable<Type> requests)
    {
        foreach (var r in requests)
            if (ByRequest.TryGetValue((r, name), out var byRequest)) return byRequest;
        if (name.Equals("status", StringComparison.OrdinalIgnoreCase))
            return Statuses.FirstOrDefault(s => context.Contains(s.Word, StringComparison.Ordinal)).Values;
        if (name is "kind" && context.Contains("Challenge", StringComparison.Ordinal)) return ChallengeKind.All;
        if (name is "kind" && context.Contains("Notice", StringComparison.Ordinal)) return Application.Inbox.ListInbox.Kinds;
        if (name is "kind" && context.Contains("EvaluationMethod", StringComparison.Ordinal)) return EvaluationMethod.Kinds;
        if (name is "kind" && context.Contains("Organization", StringComparison.Ordinal)) return Roles.All;
        if (name is "type" && context.Contains("Alert", StringComparison.Ordinal)) return AlertTypes.All;
        if (name is "type" && context.Contains("Exclusion", StringComparison.Ordinal)) return ExclusionTypes.All;
        if (name is "source" && context.Contains("Exclusion", StringComparison.Ordinal)) return ExclusionSources.All;
        return ClosedSets.GetValueOrDefault(name);
    }

    public static OpenApiOptions AddRegistryContract(this OpenApiOptions options) => options
        .AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            var scopes = new Dictionary<string, string> { [OpenIddictClientRegistry.ApiScope] = "The registry API, within the roles of the caller's organization." };
            document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "OAuth 2.0 bearer tokens from this registry: client credentials for machines, authorization code with PKCE " +
                    "for people (docs/access.md). The caller's organization kind is its role.",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow { TokenUrl = new Uri("/connect/token", UriKind.Relative), Scopes = scopes },
                    AuthorizationCode = new OpenApiOAuthFlow
                    {
                        AuthorizationUrl = new Uri("/connect/authorize", UriKind.Relative), TokenUrl = new Uri("/connect/token", UriKind.Relative),
                        Scopes = scopes,
                    },
                },
            };
            DescribeProblems(document);
            document.Info.Contact ??= new OpenApiContact { Name = "The registry's operators (docs/operations.md)" };
            // The server is the host that served the document, without the trailing slash clients would double.
            foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
            // A field whose type is a component schema is a $ref by now: its description goes next to the reference.
            foreach (var (name, component) in document.Components.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            foreach (var (field, schema) in component.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (schema is OpenApiSchemaReference reference)
                    reference.Description = FieldDescriptions.Of(name, field) ?? reference.Description;
                else if (schema is OpenApiSchema { Description: null } inline)
                    inline.Description = FieldDescriptions.Of(name, field);
            }
            foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
                if (operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true && json is OpenApiMediaType { Example: null, Schema: { } body } media)
                    media.Example = RequestExamples.Of(body, document);
            return Task.CompletedTask;
        })
        .AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var facts = metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler ? EndpointCode.Of(handler) : null;
            var requests = facts?.Requests ?? [];
            var anonymous = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
            var roles = requests.SelectMany(r => AccessPolicy.Of(r).Roles ?? []).Distinct().ToList();
            var access = anonymous ? "Public: no token needed." : roles.Count > 0
                ? $"Roles: {string.Join(", ", roles)} (a bearer token of an organization of that kind)."
                : "Any signed-in caller.";
            operation.Description = $"{operation.Summary?.TrimEnd('.')}.\n\n{access}";
            if (!anonymous)
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, context.Document)] = [OpenIddictClientRegistry.ApiScope] },
                ];
            }
            else operation.Security = [];

            var names = string.Join(" ", requests.Select(r => r.Name).Append(operation.OperationId ?? ""));
            foreach (var p in operation.Parameters ?? [])
            {
                if (p is not OpenApiParameter parameter || parameter.Name is null) continue;
                if (parameter.Schema is OpenApiSchema parameterSchema) TypeDateTime(parameterSchema);
                var values = ClosedSet(parameter.Name, names, requests);
                if (values is not null && parameter.Schema is OpenApiSchema schema)
                {
                    var target = schema.Items as OpenApiSchema ?? schema;
                    target.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
                }
                parameter.Description ??= FieldDescriptions.Of(parameter.Name) ?? (values is null ? null : $"Only items of this {parameter.Name}.");
                if (parameter.In == ParameterLocation.Query && parameter.Schema?.Type?.HasFlag(JsonSchemaType.Array) == true)
                {
                    // A list repeats its name (taskType=a&taskType=b). That is form's default, which the writer leaves out, and
                    // generators read a missing "explode" differently, so it is written out as a field of its own.
                    parameter.Explode = true;
                    parameter.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                    parameter.Extensions["explode"] = new JsonNodeExtension(JsonValue.Create(true));
                    parameter.Description = $"{parameter.Description?.TrimEnd('.')}. Repeat the parameter for several values: any of them matches.".TrimStart('.', ' ');
                }
            }
            // A CSV body or answer is text, not the JSON schema of the same data.
            foreach (var content in new[] { operation.RequestBody?.Content }.Concat((operation.Responses ?? []).Values.Select(r => r.Content)))
                if (content?.TryGetValue("text/csv", out var csv) == true && csv is OpenApiMediaType csvType)
                    csvType.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "CSV (RFC 4180, UTF-8) with a header row of field names; lists separated by `;` (docs/catalog.md, docs/monitoring.md)." };
            if (facts is null) return Task.CompletedTask;
            operation.Parameters ??= [];
            if (facts.ReadsIfMatch)
                operation.Parameters.Add(Header("If-Match", true, "The version you read, as its ETag (\"3\"); a stale one answers 412 precondition-failed."));
            if (requests.Any(r => typeof(ICommand).IsAssignableFrom(r)))
                operation.Parameters.Add(Header("Idempotency-Key", false, "1 to 200 printable characters; a retry with the same key and body answers the first result (docs/api.md)."));
            foreach (var (status, response) in operation.Responses ?? [])
            {
                if (!status.StartsWith('2') || response is not OpenApiResponse r) continue;
                r.Headers ??= new Dictionary<string, IOpenApiHeader>();
                if (facts.WritesETag)
                    r.Headers["ETag"] = new OpenApiHeader { Description = "The resource's version, to send back as If-Match to change it.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                if (facts.WritesLocation && status == "201")
                    r.Headers["Location"] = new OpenApiHeader { Description = "The address of the created resource.", Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" } };
            }
            return Task.CompletedTask;
        })
        .AddSchemaTransformer((schema, context, _) =>
        {
            if (schema.Properties is null) return Task.CompletedTask;
            var type = context.JsonTypeInfo.Type;
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                if (!schema.Properties.TryGetValue(property.Name, out var s)) continue;
                if (s is not OpenApiSchema propertySchema) continue;
                TypeDateTime(propertySchema);
                propertySchema.Description ??= FieldDescriptions.Of(type.Name, property.Name);
                if (IsNullable(property.AttributeProvider))
                {
                    schema.Required?.Remove(property.Name);
                    if (propertySchema.Type is { } t) propertySchema.Type = t | JsonSchemaType.Null;
                }
                var values = ClosedSet(property.Name, type.Name, [type]);
                if (values is not null)
                {
                    var target = propertySchema.Items as OpenApiSchema ?? propertySchema;
                    if (target.Type?.HasFlag(JsonSchemaType.String) == true)
                        target.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
                }
            }
            return Task.CompletedTask;
        });

    /// <summary>
    /// A date-time read by <see cref="OffsetRequiredConverter"/> comes out with its format but no type, which generators then
    /// read as any value (NSwag: <c>object</c>); it is a string.
    /// </summary>
    private static void TypeDateTime(OpenApiSchema schema)
    {
        if (schema.Format == "date-time" && schema.Type is null) schema.Type = JsonSchemaType.String;
    }

    private static OpenApiParameter Header(string name, bool required, string description) => new()
    {
        Name = name, In = ParameterLocation.Header, Required = required, Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static bool IsNullable(ICustomAttributeProvider? provider)
    {
        var context = new NullabilityInfoContext();
        return provider switch
        {
            PropertyInfo p => Nullable.GetUnderlyingType(p.PropertyType) is not null || context.Create(p).ReadState == NullabilityState.Nullable,
            ParameterInfo p => Nullable.GetUnderlyingType(p.ParameterType) is not null || context.Create(p).ReadState == NullabilityState.Nullable,
            FieldInfo f => Nullable.GetUnderlyingType(f.FieldType) is not null || context.Create(f).ReadState == NullabilityState.Nullable,
            _ => false,
        };
    }

    // The problem details every error answers with, beyond RFC 9457's fields: the stable code, field errors and the trace id.
    private static void DescribeProblems(OpenApiDocument document)
    {
        var types = string.Join(", ", ProblemTypes.Select(t => $"`{ProblemDetailsHandler.TypePrefix}{t}`"));
        foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
        {
            if (document.Components?.Schemas?.TryGetValue(name, out var s) != true || s is not OpenApiSchema schema) continue;
            schema.Description = "An RFC 9457 problem details answer (application/problem+json); see docs/api.md.";
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["type"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = $"The problem's stable type: {types}, or a business rule's own `{ProblemDetailsHandler.TypePrefix}<code>` at 422.",
            };
            schema.Properties["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short human summary of the problem type." };
            schema.Properties["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." };
            schema.Properties["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "What went wrong in this request, when useful." };
            schema.Properties["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "The request's path." };
            schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The refusal's code when the application refused the request: the last segment of type." };
            schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it when reporting a problem." };
            schema.Properties["currentState"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The resource's state, with invalid-transition (409)." };
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object, Description = "Field errors (validation-failed), by field in the request's JSON spelling.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
            schema.Required = new HashSet<string> { "type", "title", "status" };
        }
    }
}
