using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Registry.Application.Feed;
using Registry.Domain.Bases;
using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Events;
using Registry.Domain.Reference;

namespace Registry.Api.Hosting;

/// <summary>
/// Describes the change feed's items in the OpenAPI document (docs/one-network.md): the names of the public events as the
/// enum of <c>FeedItem.type</c>, the subjects as the enum of <c>entityType</c>, and one schema per public event for its
/// payload (<c>FeedPayload.&lt;name&gt;</c>), with every closed set of values as an enum taken from the lists the
/// validators use. Node clients must still accept values they do not know.
/// </summary>
public static class FeedOpenApi
{
    public const string PayloadPrefix = "FeedPayload.";

    /// <summary>The closed sets of payload fields, by event and field (<c>name:field</c>) or by field name alone: the same lists the validators check against.</summary>
    private static readonly Dictionary<string, IReadOnlyList<string>> ClosedSets = new(StringComparer.Ordinal)
    {
        ["exclusion.recorded:type"] = Registry.Domain.Exclusions.ExclusionTypes.All,
        ["exclusion.recorded:source"] = Registry.Domain.Exclusions.ExclusionSources.All,
        ["designation"] = Designations.All.Select(d => d.Code).ToList(),
        ["domains"] = IndustryDomains.All.Select(d => d.Code).ToList(),
        ["level"] = BaseLevels.All,
        // demand.closed reports where bidding left the demand.
        ["demand.closed:status"] = [DemandStatus.Evaluating, DemandStatus.Unsuccessful],
    };

    public static IReadOnlyList<DomainEventTypes.Descriptor> PublicEvents { get; } = DomainEventTypes.All.Where(d => d.Public).ToList();

    public static OpenApiOptions AddFeedSchemas(this OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var e in PublicEvents) document.Components.Schemas[PayloadPrefix + e.Name] = Payload(e);
        if (document.Components.Schemas.TryGetValue(nameof(FeedItem), out var item) && item is OpenApiSchema feedItem && feedItem.Properties is { } properties)
        {
            if (properties.TryGetValue("type", out var type) && type is OpenApiSchema typeSchema)
            {
                typeSchema.Enum = PublicEvents.Select(e => (JsonNode)JsonValue.Create(e.Name)!).ToList();
                typeSchema.Description = "The event's name (docs/events.md); its payload is the schema FeedPayload.<type>. Skip names you do not know.";
            }
            if (properties.ContainsKey("payload"))
            {
                properties["payload"] = new OpenApiSchema
                {
                    Description = "The event's fields, as the component schema FeedPayload.<type> describes them for the item's type.",
                    AnyOf = PublicEvents.Select(e => (IOpenApiSchema)new OpenApiSchemaReference(PayloadPrefix + e.Name, document)).ToList(),
                };
            }
            if (properties.TryGetValue("entityType", out var entity) && entity is OpenApiSchema entitySchema)
            {
                entitySchema.Enum = PublicEvents.Select(e => SubjectOf(e.Type)).Distinct().Order(StringComparer.Ordinal)
                    .Select(s => (JsonNode)JsonValue.Create(s)!).ToList();
                entitySchema.Description = "What the event is about. Accept values you do not know.";
            }
        }
        return Task.CompletedTask;
    });

    // A subject's type does not depend on the event's values: read it from an instance with default fields.
    private static string SubjectOf(Type type) => ((IDomainEvent)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type)).Subject.Type;

    private static OpenApiSchema Payload(DomainEventTypes.Descriptor e)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach (var p in e.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            var schema = Of(p.PropertyType, IsNullable(p));
            if (ClosedSets.TryGetValue(e.Name + ":" + name, out var values) || ClosedSets.TryGetValue(name, out values))
            {
                var target = schema.Items as OpenApiSchema ?? schema;
                target.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
            }
            properties[name] = schema;
        }
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object, Properties = properties,
            Description = $"Payload of `{e.Name}` version {e.Version}: {e.EmittedBy}. Ignore fields you do not know; treat an unknown enum value as other.",
        };
    }

    private static bool IsNullable(PropertyInfo p) =>
        Nullable.GetUnderlyingType(p.PropertyType) is not null || new NullabilityInfoContext().Create(p).ReadState == NullabilityState.Nullable;

    private static OpenApiSchema Of(Type type, bool nullable)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var schema = type switch
        {
            _ when type == typeof(Guid) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
            _ when type == typeof(string) => new OpenApiSchema { Type = JsonSchemaType.String },
            _ when type == typeof(bool) => new OpenApiSchema { Type = JsonSchemaType.Boolean },
            _ when type == typeof(int) || type == typeof(long) => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = type == typeof(int) ? "int32" : "int64" },
            _ when type == typeof(decimal) || type == typeof(double) => new OpenApiSchema { Type = JsonSchemaType.Number },
            _ when type == typeof(DateTimeOffset) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            _ when type == typeof(DateOnly) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) => new OpenApiSchema
            {
                Type = JsonSchemaType.Object, AdditionalProperties = Of(type.GetGenericArguments()[1], false),
                Description = type.GetGenericArguments()[1] == typeof(int) ? "Annotators per skill level: " + string.Join(", ", SkillLevels.All.Select(l => l.Code)) : null,
            },
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) =>
                new OpenApiSchema { Type = JsonSchemaType.Array, Items = Of(type.GetGenericArguments()[0], false) },
            _ => new OpenApiSchema { Type = JsonSchemaType.Object },
        };
        if (nullable) schema.Type |= JsonSchemaType.Null;
        return schema;
    }
}
