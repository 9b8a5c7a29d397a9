using NJsonSchema;
using NJsonSchema.Generation;

namespace Registry.Api.Tests.Ocds;

/// <summary>
/// The official OCDS 1.1 schemas (draft-04, copied under Ocds/schema with their licence), each registered under its published
/// id, so the packages' references to the release schema resolve to the local copy and nothing is fetched.
/// </summary>
public static class OcdsSchema
{
    private const string Published = "https://standard.open-contracting.org/schema/1__1__5/";

    private static readonly Lazy<Task<(JsonSchema ReleasePackage, JsonSchema RecordPackage)>> Schemas = new(LoadAsync);

    public static async Task<JsonSchema> ReleasePackageAsync() => (await Schemas.Value).ReleasePackage;

    public static async Task<JsonSchema> RecordPackageAsync() => (await Schemas.Value).RecordPackage;

    /// <summary>The schema's complaints about <paramref name="json"/>, one line each; empty when it validates.</summary>
    public static IReadOnlyList<string> Errors(JsonSchema schema, string json) =>
        schema.Validate(json).Select(e => $"{e.Path}: {e.Kind} {e.Property}").ToList();

    private static string Text(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Ocds", "schema", "1.1", file));

    private static async Task<(JsonSchema, JsonSchema)> LoadAsync()
    {
        var release = await JsonSchema.FromJsonAsync(Text("release-schema.json"));
        var versioned = await JsonSchema.FromJsonAsync(Text("versioned-release-validation-schema.json"));
        JsonReferenceResolver Local(JsonSchema root)
        {
            var resolver = new JsonReferenceResolver(new JsonSchemaAppender(root, new DefaultTypeNameGenerator()));
            resolver.AddDocumentReference(Published + "release-schema.json", release);
            resolver.AddDocumentReference(Published + "versioned-release-validation-schema.json", versioned);
            return resolver;
        }
        return (await JsonSchema.FromJsonAsync(Text("release-package-schema.json"), null!, Local),
            await JsonSchema.FromJsonAsync(Text("record-package-schema.json"), null!, Local));
    }
}
