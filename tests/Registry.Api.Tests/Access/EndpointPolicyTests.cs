using System.Reflection;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;

namespace Registry.Api.Tests.Access;

/// <summary>No endpoint and no use case is reachable without a declared access decision.</summary>
public sealed class EndpointPolicyTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    [Fact]
    public void Every_mapped_endpoint_declares_anonymous_access_or_requires_authorization()
    {
        var endpoints = Routes.Endpoints(api);
        Assert.True(endpoints.Count > 30, $"only {endpoints.Count} endpoints found");

        var undecided = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();

        Assert.True(undecided.Count == 0, "Endpoints without an access decision: " + string.Join(", ", undecided));
    }

    [Fact]
    public void Every_use_case_declares_who_may_run_it()
    {
        var requests = new[] { typeof(Sql).Assembly, typeof(Program).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .ToList();
        Assert.True(requests.Count > 15);

        var undeclared = requests.Where(t => t.GetCustomAttribute<PublicAttribute>() is null && t.GetCustomAttribute<AllowedForAttribute>() is null)
            .Select(t => t.Name).ToList();

        Assert.True(undeclared.Count == 0, "Requests without [Public] or [AllowedFor]: " + string.Join(", ", undeclared));
    }
}
