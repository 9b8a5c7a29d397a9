using System.Reflection;
using System.Text;
using Registry.Domain.Events;

namespace Registry.Domain.Tests.Events;

/// <summary>
/// docs/events.md is generated from the event records: this test fails when the file differs from what the records say.
/// Regenerate with <c>REGISTRY_WRITE_DOCS=1 dotnet test tests/Registry.Domain.Tests --filter EventsDocumentTests</c>.
/// </summary>
public sealed class EventsDocumentTests
{
    [Fact]
    public void Docs_events_md_lists_every_event_with_its_fields_and_is_current()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "events.md");
        var expected = Render();
        if (Environment.GetEnvironmentVariable("REGISTRY_WRITE_DOCS") == "1") File.WriteAllText(path, expected);
        var actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(actual == expected,
            "docs/events.md is stale: regenerate it with REGISTRY_WRITE_DOCS=1 dotnet test tests/Registry.Domain.Tests --filter EventsDocumentTests");
    }

    [Fact]
    public void The_rendering_names_each_field_in_its_json_spelling_with_its_type()
    {
        var text = Render();
        Assert.Contains("| `bidId` | uuid |", text);
        Assert.Contains("| `bidDeadline` | date-time |", text);
        Assert.Contains("| `rank` | integer or null |", text);
        Assert.Contains("| `identity` | object: `nameZh` string, `creditCode` string, `regionCode` string |", text);
    }

    private static string Render()
    {
        var nullability = new NullabilityInfoContext();
        var text = new StringBuilder();
        text.Append("""
            # Events

            Every change the platform makes is written, in the same transaction, as one or more events of the outbox: in
            commit order, each with a gap-free sequence number. Statistics, the change feed, matching and notifications read
            them. Each event is a record in `src/Registry.Domain/<Area>/*Events.cs`, born with the state transition that
            causes it; its name and version never change once published (a new version is declared when a field changes
            meaning or disappears; adding a field keeps the version), and its fields are its JSON payload, in camelCase.
            **Public** events may be shown to anyone (the change feed's anonymous readers); the others only to the parties
            and regulators entitled to the entity. Readers must accept event names, fields and enum values they do not know.

            This file is generated from the records by `tests/Registry.Domain.Tests/Events/EventsDocumentTests.cs`, which
            fails when it is stale: regenerate it with
            `REGISTRY_WRITE_DOCS=1 dotnet test tests/Registry.Domain.Tests --filter EventsDocumentTests`.

            | event | version | public | subject | emitted by |
            |---|---|---|---|---|

            """.ReplaceLineEndings("\n"));
        foreach (var d in DomainEventTypes.All)
            text.Append($"| [`{d.Name}`](#{d.Name.Replace(".", "")}) | {d.Version} | {(d.Public ? "yes" : "no")} | {Subject(d.Type)} | {d.EmittedBy} |\n");
        foreach (var d in DomainEventTypes.All)
        {
            text.Append($"\n## {d.Name}\n\n`{d.Type.Name}`, version {d.Version}, {(d.Public ? "public" : "not public")}. Emitted by {d.EmittedBy}.\n\n");
            text.Append("| field | type |\n|---|---|\n");
            foreach (var p in Fields(d.Type))
                text.Append($"| `{Json(p.Name)}` | {TypeOf(p, nullability)} |\n");
        }
        return text.ToString();
    }

    private static string Subject(Type type)
    {
        var constructor = type.GetConstructors().Single();
        var args = constructor.GetParameters().Select(p => Sample(p.ParameterType)).ToArray();
        var subject = ((IDomainEvent)constructor.Invoke(args)).Subject;
        return $"`{subject.Type}`";
    }

    private static object? Sample(Type type) =>
        type == typeof(string) ? "" : type.IsValueType ? Activator.CreateInstance(type) : null;

    private static IEnumerable<PropertyInfo> Fields(Type type)
    {
        var order = type.GetConstructors().Single().GetParameters().Select(p => p.Name!).ToList();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract")
            .OrderBy(p => order.FindIndex(n => string.Equals(n, p.Name, StringComparison.OrdinalIgnoreCase)));
    }

    private static string TypeOf(PropertyInfo property, NullabilityInfoContext nullability)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null
            || nullability.Create(property).ReadState == NullabilityState.Nullable;
        var name = Scalar(type) ?? "object: " + string.Join(", ", Fields(type).Select(p => $"`{Json(p.Name)}` {Scalar(p.PropertyType) ?? "object"}"));
        return nullable ? name + " or null" : name;
    }

    private static string? Scalar(Type type) => type switch
    {
        _ when type == typeof(Guid) => "uuid",
        _ when type == typeof(string) => "string",
        _ when type == typeof(int) || type == typeof(long) => "integer",
        _ when type == typeof(decimal) => "decimal number",
        _ when type == typeof(bool) => "boolean",
        _ when type == typeof(DateOnly) => "date",
        _ when type == typeof(DateTimeOffset) => "date-time",
        { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) =>
            "array of " + (Scalar(type.GetGenericArguments()[0]) ?? "object"),
        { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) =>
            "object: " + (Scalar(type.GetGenericArguments()[1]) ?? "object") + " per key",
        _ => null,
    };

    private static string Json(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Registry.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Registry.sln not found above the test's directory.");
    }
}
