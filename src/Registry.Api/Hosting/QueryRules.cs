using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Common;

namespace Registry.Api.Hosting;

/// <summary>
/// The query string's rules the framework's binding does not keep: a date-time states its offset (as in bodies, see
/// <see cref="OffsetRequiredConverter"/>), and a parameter that takes one value is sent once (the framework would join
/// <c>taskType=a&amp;taskType=b</c> into <c>a,b</c>, which then reads as one unknown value).
/// </summary>
internal static class QueryRules
{
    private sealed record QueryValue(string Name, Type Type);

    /// <summary>
    /// Checks the query values of every endpoint of <paramref name="group"/> before its handler runs. A parameter named in the
    /// endpoint's route is bound from the route, never from the query, so it is not a query value; an endpoint left with none
    /// (e.g. <c>GET /bases/{id}</c>) gets no filter, and so no filter pipeline, which would box its arguments and its result.
    /// </summary>
    public static TBuilder WithQueryRules<TBuilder>(this TBuilder group) where TBuilder : IEndpointConventionBuilder
    {
        group.Add(endpoint =>
        {
            var routeValues = endpoint is RouteEndpointBuilder route
                ? route.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)
                : [];
            endpoint.FilterFactories.Add((context, next) =>
            {
                var values = QueryValuesOf(context.MethodInfo).Where(v => !routeValues.Contains(v.Name)).ToArray();
                if (values.Length == 0) return next;
                return invocation => Check(invocation.HttpContext, values) is { } refused ? throw refused : next(invocation);
            });
        });
        return group;
    }

    private static ValidationFailed? Check(HttpContext http, QueryValue[] values)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var value in values)
        {
            if (http.Request.RouteValues.ContainsKey(value.Name) || !http.Request.Query.TryGetValue(value.Name, out var sent)) continue;
            if (sent.Count > 1 && !value.Type.IsArray)
                (errors ??= [])[value.Name] = [$"'{value.Name}' takes one value; send it once."];
            else if ((Nullable.GetUnderlyingType(value.Type) ?? value.Type) == typeof(DateTimeOffset)
                     && sent.ToString() is { Length: > 0 } text && OffsetRequiredConverter.Parse(text) is null)
                (errors ??= [])[value.Name] = [OffsetRequiredConverter.RefusalOf(text)];
        }
        return errors is null ? null : new ValidationFailed(errors);
    }

    private static IEnumerable<QueryValue> QueryValuesOf(MethodInfo method)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                var constructor = parameter.ParameterType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
                foreach (var member in constructor.GetParameters())
                    if (member.GetCustomAttributes().OfType<IFromQueryMetadata>().FirstOrDefault() is { } query)
                        yield return new QueryValue(query.Name ?? member.Name!, member.ParameterType);
                    else if (IsSimple(member.ParameterType) && member.GetCustomAttributes().All(a => !IsBindingSource(a)))
                        yield return new QueryValue(member.Name!, member.ParameterType);
            }
            else if (parameter.GetCustomAttributes().OfType<IFromQueryMetadata>().FirstOrDefault() is { } query)
                yield return new QueryValue(query.Name ?? parameter.Name!, parameter.ParameterType);
            else if (IsSimple(parameter.ParameterType) && parameter.GetCustomAttributes().All(a => !IsBindingSource(a)))
                yield return new QueryValue(parameter.Name!, parameter.ParameterType);
        }
    }

    private static bool IsBindingSource(Attribute a) =>
        a is IFromRouteMetadata or IFromBodyMetadata or IFromHeaderMetadata or IFromServiceMetadata or IFromFormMetadata or FromKeyedServicesAttribute;

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
               || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(string[]);
    }
}
