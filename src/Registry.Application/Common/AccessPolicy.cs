using System.Collections.Concurrent;
using System.Reflection;

namespace Registry.Application.Common;

/// <summary>The roles that may send this request. Ownership and jurisdiction are checked by the handler.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedForAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>Anyone may send this request, with or without a token: public information.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PublicAttribute : Attribute;

/// <summary>Who may send a request, as declared on its type.</summary>
public static class AccessPolicy
{
    private static readonly ConcurrentDictionary<Type, (bool Public, IReadOnlyList<string>? Roles)> Cache = new();

    public static (bool Public, IReadOnlyList<string>? Roles) Of(Type requestType) => Cache.GetOrAdd(requestType, t =>
        (t.GetCustomAttribute<PublicAttribute>() is not null, t.GetCustomAttribute<AllowedForAttribute>()?.Roles));
}

