using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.Api.Tests.Infrastructure;

/// <summary>The routes the host maps, for tests that check every endpoint.</summary>
public static class Routes
{
    public static IReadOnlyList<RouteEndpoint> Endpoints(RegistryApi api) =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
}
