using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.GeneratedClient;

/// <summary>
/// The committed C# client (RegistryClient.g.cs) is what NSwag generates from the live document, so it cannot drift from the
/// contract. Regenerate with <c>REGISTRY_WRITE_DOCS=1 dotnet test tests/Registry.Api.Tests --filter GeneratedClientSourceTests</c>.
/// </summary>
public sealed class GeneratedClientSourceTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    public const string FileName = "RegistryClient.g.cs";

    /// <summary>
    /// The settings docs/api.md gives for generating a client: one class, methods named after the operation ids, the
    /// HttpClient's base address. Newtonsoft.Json, because NSwag's System.Text.Json enums ignore the wire names
    /// ("lowest_price") that its Newtonsoft enums keep.
    /// </summary>
    public static CSharpClientGeneratorSettings Settings() => new()
    {
        ClassName = "RegistryClient",
        UseBaseUrl = false,
        GenerateClientInterfaces = false,
        GenerateOptionalParameters = true,
        OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
        CSharpGeneratorSettings = { Namespace = typeof(GeneratedClientSourceTests).Namespace!, JsonLibrary = CSharpJsonLibrary.NewtonsoftJson },
    };

    [Fact]
    public async Task The_committed_client_is_what_the_live_document_generates()
    {
        var json = await (await api.CreateClient().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();
        var document = await OpenApiDocument.FromJsonAsync(json);
        var generated = new CSharpClientGenerator(document, Settings()).GenerateFile().ReplaceLineEndings("\n");

        var path = Path.Combine(RepositoryRoot(), "tests", "Registry.Api.Tests", "GeneratedClient", FileName);
        if (Environment.GetEnvironmentVariable("REGISTRY_WRITE_DOCS") == "1") await File.WriteAllTextAsync(path, generated);
        var committed = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "";
        Assert.True(committed == generated,
            $"{FileName} differs from what the document generates: regenerate it with REGISTRY_WRITE_DOCS=1 dotnet test tests/Registry.Api.Tests --filter GeneratedClientSourceTests");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Registry.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Registry.sln not found above " + AppContext.BaseDirectory);
    }
}
