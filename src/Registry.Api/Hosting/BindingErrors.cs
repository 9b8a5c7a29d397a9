using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Registry.Application.Common;

namespace Registry.Api.Hosting;

/// <summary>
/// What the framework refuses while it binds a request (a JSON value of the wrong type, a date that does not exist, a number out of
/// range, a query value that does not parse, a missing body) as field errors named as the caller wrote them (<c>budget</c>,
/// <c>items[2].volume</c>, <c>page</c>), saying in plain words what was expected, never the framework's parameter or type names.
/// </summary>
internal static partial class BindingErrors
{
    public const string Body = "body";

    /// <summary>The refusal as field errors, or null when it is not a binding failure.</summary>
    public static ValidationFailed? Translate(HttpContext http, Exception exception) => exception switch
    {
        JsonException j => FromJson(http, j),
        BadHttpRequestException { StatusCode: 400, InnerException: JsonException j } => FromJson(http, j),
        BadHttpRequestException { StatusCode: 400 } b => FromBinding(http, b.Message),
        _ => null,
    };

    private static ValidationFailed FromJson(HttpContext http, JsonException json)
    {
        var field = FieldOf(json.Path);
        if (json is OffsetRequiredException) return ValidationFailed.For(field, json.Message);
        // The reader's own exception inside means the text is not JSON at all, whatever the target type.
        if (json.InnerException is JsonException || json.Path is null)
            return ValidationFailed.For(field, Texts.Format("binding.not_json", json.LineNumber + 1, json.BytePositionInLine + 1));
        var target = TypeAt(BodyTypeOf(http), json.Path);
        return ValidationFailed.For(field, target is null ? Texts.Get("binding.wrong_type") : Texts.Format("binding.expected", Describe(target)));
    }

    private static ValidationFailed? FromBinding(HttpContext http, string message)
    {
        if (FailedToBind().Match(message) is { Success: true } failed)
        {
            var name = KeyOf(http, failed.Groups["name"].Value);
            return ValidationFailed.For(name, Texts.Format("binding.not_a", failed.Groups["value"].Value, Describe(failed.Groups["type"].Value)));
        }
        if (NotProvided().Match(message) is { Success: true } missing)
        {
            return missing.Groups["source"].Value == "body"
                ? ValidationFailed.For(Body, Texts.Get("binding.body_required"))
                : ValidationFailed.For(KeyOf(http, missing.Groups["name"].Value), Texts.Get("binding.required"));
        }
        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
            return ValidationFailed.For(Body, Texts.Get("binding.body_required"));
        return null;
    }

    // The framework's own wording (RequestDelegateFactory); a change of it shows as the tests' raw messages, not as a 500.
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^" ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("""^Required parameter "(?<type>[^"]+) (?<name>[^" ]+)" was not provided from (?<source>[^.]+)\.$""")]
    private static partial Regex NotProvided();

    /// <summary>A JSON path as the field names of validation errors: <c>$.items[2].volume</c> is <c>items[2].volume</c>, <c>$</c> the body.</summary>
    public static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return Body;
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return QuotedName().Replace(field, m => (m.Index == 0 ? "" : ".") + m.Groups[1].Value);
    }

    [GeneratedRegex(@"\['([^']*)'\]")]
    private static partial Regex QuotedName();

    /// <summary>A query or route value's name as the caller spelled it (the framework reports the C# parameter name).</summary>
    private static string KeyOf(HttpContext http, string parameter)
    {
        foreach (var key in http.Request.Query.Keys)
            if (string.Equals(key, parameter, StringComparison.OrdinalIgnoreCase)) return key;
        foreach (var key in http.Request.RouteValues.Keys)
            if (string.Equals(key, parameter, StringComparison.OrdinalIgnoreCase)) return key;
        return JsonNamingPolicy.CamelCase.ConvertName(parameter);
    }

    private static Type? BodyTypeOf(HttpContext http) =>
        (http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint())?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;

    /// <summary>The CLR type a JSON path leads to inside <paramref name="root"/>, by the JSON names of its properties.</summary>
    public static Type? TypeAt(Type? root, string path)
    {
        var type = root;
        foreach (Match step in PathStep().Matches(path))
        {
            if (type is null) return null;
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (step.Groups["index"].Success) type = ItemOf(type);
            else if (KeyedValueOf(type) is { } value) type = value;
            else
            {
                var name = step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value;
                type = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(p => string.Equals(JsonNameOf(p), name, StringComparison.OrdinalIgnoreCase))?.PropertyType;
            }
        }
        return type;
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();

    private static string JsonNameOf(PropertyInfo p) =>
        p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name);

    private static Type? ItemOf(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        return type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[^1] : null;
    }

    private static Type? KeyedValueOf(Type type) =>
        type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
            ? type.GetGenericArguments()[^1]
            : null;

    /// <summary>What a value of <paramref name="type"/> looks like, in the words of the API's documentation (in the request's language).</summary>
    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return Texts.Get("describe.string");
        if (type == typeof(bool)) return Texts.Get("describe.bool");
        if (type == typeof(int) || type == typeof(long) || type == typeof(short)) return Texts.Format("describe.whole_number", MinOf(type), MaxOf(type));
        if (type == typeof(decimal)) return Texts.Get("describe.decimal");
        if (type == typeof(double) || type == typeof(float)) return Texts.Get("describe.number");
        if (type == typeof(Guid)) return Texts.Get("describe.guid");
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return Texts.Get("describe.date_time");
        if (type == typeof(DateOnly)) return Texts.Get("describe.date");
        if (type.IsEnum) return Texts.Format("describe.one_of", string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName)));
        if (KeyedValueOf(type) is not null) return Texts.Get("describe.map");
        if (ItemOf(type) is { } item) return Texts.Format("describe.list", Plural(Describe(item)));
        return Texts.Get("describe.object");
    }

    private static string Plural(string description) =>
        description.StartsWith("a ", StringComparison.Ordinal) ? description[2..] : description.StartsWith("an ", StringComparison.Ordinal) ? description[3..] : description;

    private static object MinOf(Type t) => t == typeof(int) ? int.MinValue : t == typeof(long) ? long.MinValue : short.MinValue;

    private static object MaxOf(Type t) => t == typeof(int) ? int.MaxValue : t == typeof(long) ? long.MaxValue : short.MaxValue;

    /// <summary>The same from the framework's display name of a parameter type (<c>int?</c>, <c>Nullable&lt;int&gt;</c>, <c>Guid</c>).</summary>
    private static string Describe(string typeName)
    {
        var name = typeName.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('?', '>');
        name = name[(name.LastIndexOf('.') + 1)..];
        return name switch
        {
            "int" or "Int32" => Describe(typeof(int)),
            "long" or "Int64" => Describe(typeof(long)),
            "short" or "Int16" => Describe(typeof(short)),
            "decimal" or "Decimal" => Describe(typeof(decimal)),
            "double" or "Double" or "float" or "Single" => Describe(typeof(double)),
            "bool" or "Boolean" => Describe(typeof(bool)),
            "Guid" => Describe(typeof(Guid)),
            "DateTimeOffset" or "DateTime" => Describe(typeof(DateTimeOffset)),
            "DateOnly" => Describe(typeof(DateOnly)),
            _ => Texts.Get("describe.value"),
        };
    }
}
