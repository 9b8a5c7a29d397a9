using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Registry.Application.Catalog;
using Registry.Application.Common;

namespace Registry.Api.Tests.Pipeline;

/// <summary>
/// Every request the API accepts, found by reflection: each string it carries (nested and in lists, query strings included)
/// refuses control characters and has a maximum length, and each list has a maximum count. A new request or field without
/// such a rule fails here, so "every" stays true as the API grows.
/// </summary>
public sealed class RequestInputTests
{
    private const string Benign = "Registry text";

    // Values some field accepts (free text, an e-mail address, a code, a phone number); a NUL is slipped into one it accepts.
    private static readonly string[] Acceptable = [Benign, "registry@example.cn", "REG-2026.001", "028 6123 4567"];
    private const int LongString = 100_001;
    private const int LongList = 10_001;

    // Rows of an import are checked one by one as CreateCatalogEntry (enumerated here too) and reported per row, not as a 400;
    // the items of a node's batch likewise, by their own validators (their types are enumerated below).
    private static readonly HashSet<string> CheckedElsewhere = [$"{nameof(ImportCatalogEntries)}.rows[0]", $"{nameof(ImportCatalogBatch)}.rows[0]",
        "PushNodeBatch.enterprises[0]", "PushNodeBatch.catalogEntries[0]"];

    // Not requests, but checked as one each (per item, reported per item) by the handler of PushNodeBatch.
    private static readonly Type[] CheckedItems = [typeof(Registry.Application.Nodes.NodeEnterprise), typeof(Registry.Application.Nodes.NodeCatalogEntry)];

    private static readonly IServiceProvider Validators = new ServiceCollection()
        .AddValidatorsFromAssembly(typeof(Registry.Application.DependencyInjection).Assembly, includeInternalTypes: true)
        .AddSingleton(Registry.Infrastructure.ReferenceData.RegionReference.Load())
        .BuildServiceProvider();

    public static TheoryData<string> RequestTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in Requests()) data.Add(type.Name);
        return data;
    }

    private static IEnumerable<Type> Requests() =>
        typeof(Registry.Application.DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }
                        && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .Concat(CheckedItems)
            .OrderBy(t => t.Name);

    [Fact]
    public void The_enumeration_finds_the_requests_that_carry_text()
    {
        var names = Requests().Select(t => t.Name).ToList();
        Assert.Contains(nameof(CreateCatalogEntry), names);
        Assert.Contains(nameof(Registry.Application.Access.SignIn), names);
        Assert.Contains(nameof(Registry.Application.Enterprises.SearchEnterprises), names);
        Assert.True(names.Count > 40, string.Join(", ", names));
        Assert.Contains(Fields(typeof(Registry.Application.Demands.CreateDemand), "").Select(f => f.Path), p => p == "positiveExamples[0]");
    }

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public async Task Every_string_of_the_request_refuses_control_characters_and_is_bounded(string requestName)
    {
        var type = Requests().Single(t => t.Name == requestName);
        var problems = new List<string>();
        foreach (var field in Fields(type, "").Where(f => !CheckedElsewhere.Any(c => $"{type.Name}.{f.Path}".StartsWith(c, StringComparison.Ordinal))))
        {
            if (field.Kind == FieldKind.List)
            {
                if (!(await ErrorsAsync(type, field.Path, _ => Many(field.Type, LongList))).ContainsKey(field.Path))
                    problems.Add($"{field.Path}: a list of {LongList} items is accepted (give it a maximum count)");
                continue;
            }
            if (!(await ErrorsAsync(type, field.Path, _ => new string('a', LongString))).ContainsKey(field.Path))
                problems.Add($"{field.Path}: {LongString} characters are accepted (give it a maximum length)");
            if (field.Secret) continue; // hashed or compared, never stored or shown: bounded is enough
            foreach (var accepted in Acceptable)
            {
                if ((await ErrorsAsync(type, field.Path, _ => accepted)).ContainsKey(field.Path)) continue;
                var withNul = accepted[..4] + "\0" + accepted[4..];
                if (!(await ErrorsAsync(type, field.Path, _ => withNul)).ContainsKey(field.Path))
                    problems.Add($"{field.Path}: \"{withNul.Replace("\0", "\\0", StringComparison.Ordinal)}\" is accepted (use .Name(), .PlainText() or .MultilineText())");
            }
        }
        Assert.True(problems.Count == 0, $"{type.Name}:\n" + string.Join("\n", problems));
    }

    private enum FieldKind
    {
        Text,
        List,
    }

    private sealed record Field(string Path, Type Type, FieldKind Kind, bool Secret);

    /// <summary>The strings and lists a request carries, as the JSON paths the validation errors use.</summary>
    private static IEnumerable<Field> Fields(Type type, string prefix)
    {
        foreach (var p in Settable(type))
        {
            var path = prefix + char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
            var secret = p.IsDefined(typeof(RedactedAttribute), true);
            if (p.PropertyType == typeof(string)) yield return new Field(path, p.PropertyType, FieldKind.Text, secret);
            else if (KeyType(p.PropertyType) is { } key)
            {
                yield return new Field(path, p.PropertyType, FieldKind.List, secret);
                if (key == typeof(string)) yield return new Field(path + "[0]", key, FieldKind.Text, secret);
            }
            else if (ItemType(p.PropertyType) is { } item)
            {
                yield return new Field(path, p.PropertyType, FieldKind.List, secret);
                if (item == typeof(string)) yield return new Field(path + "[0]", item, FieldKind.Text, secret);
                else if (IsComposite(item))
                {
                    foreach (var f in Fields(item, path + "[0].")) yield return f;
                }
            }
            else if (IsComposite(p.PropertyType))
            {
                foreach (var f in Fields(p.PropertyType, path + ".")) yield return f;
            }
        }
    }

    /// <summary>Validates an instance whose every string is benign and whose field at <paramref name="target"/> is replaced.</summary>
    private static async Task<Dictionary<string, string[]>> ErrorsAsync(Type type, string target, Func<Type, object> value)
    {
        var instance = Build(type, "", target, value);
        var context = (IValidationContext)Activator.CreateInstance(typeof(ValidationContext<>).MakeGenericType(type), instance)!;
        var errors = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in Validators.GetServices(typeof(IValidator<>).MakeGenericType(type)).Cast<IValidator>())
            errors.AddRange((await validator.ValidateAsync(context)).Errors);
        // The same field names as the validation behavior reports: "Evaluation.Kind" becomes "evaluation.kind".
        return errors.GroupBy(e => string.Join('.', e.PropertyName.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..])))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
    }

    private static object? Build(Type type, string prefix, string target, Func<Type, object> value)
    {
        if (prefix.TrimEnd('.') == target) return value(type);
        if (type == typeof(string)) return Benign;
        if (KeyType(type) is not null) return Dictionary(type, 1, _ => Build(typeof(string), prefix.TrimEnd('.') + "[0].", target, value)!);
        if (ItemType(type) is { } item)
        {
            var list = Array.CreateInstance(item, 1);
            list.SetValue(Build(item, prefix.TrimEnd('.') + "[0].", target, value), 0);
            return list;
        }
        if (!IsComposite(type)) return Nullable.GetUnderlyingType(type) is { } inner ? Activator.CreateInstance(inner) : null;
        var instance = RuntimeHelpers.GetUninitializedObject(type);
        foreach (var p in Settable(type))
        {
            var path = prefix + char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
            if (p.PropertyType.IsValueType && Nullable.GetUnderlyingType(p.PropertyType) is null && path != target) continue;
            p.SetValue(instance, Build(p.PropertyType, path + ".", target, value));
        }
        return instance;
    }

    private static object Many(Type listType, int count)
    {
        if (KeyType(listType) is not null) return Dictionary(listType, count, i => $"key {i}");
        var item = ItemType(listType)!;
        var list = Array.CreateInstance(item, count);
        var one = Build(item, "", "-", _ => Benign);
        for (var i = 0; i < count; i++) list.SetValue(one, i);
        return list;
    }

    /// <summary>A dictionary of string keys (the only kind requests carry) with default values.</summary>
    private static object Dictionary(Type type, int count, Func<int, object> key)
    {
        var arguments = type.GetGenericArguments();
        var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(arguments))!;
        for (var i = 0; i < count; i++) dictionary.Add(key(i), arguments[1].IsValueType ? Activator.CreateInstance(arguments[1]) : null);
        return dictionary;
    }

    private static Type? KeyType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var d
        && (d == typeof(IReadOnlyDictionary<,>) || d == typeof(IDictionary<,>) || d == typeof(Dictionary<,>))
            ? type.GetGenericArguments()[0]
            : null;

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0);

    private static Type? ItemType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type)) return null;
        if (type.IsArray) return type.GetElementType();
        var enumerable = type.IsInterface && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        var item = enumerable.GetGenericArguments()[0];
        if (item.IsGenericType && item.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
            throw new NotSupportedException($"{type}: only IReadOnlyDictionary<string, T> is enumerated by this test; add this shape.");
        return item;
    }

    private static bool IsComposite(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Registry.", StringComparison.Ordinal) == true;
}
