using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Api.Hosting;
using Registry.Application.Common;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Hosting;

/// <summary>
/// The host's exception mapping for failures every route guards against before they can happen (so no HTTP request
/// reaches them today): the mapping itself must still give the right status.
/// </summary>
public sealed class ProblemMappingTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    [Fact]
    public async Task A_request_that_needs_a_caller_and_has_none_is_a_401_problem_with_a_bearer_challenge()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Path = "/api/v1/organizations";
        http.Response.Body = new MemoryStream();
        var handler = new ProblemDetailsHandler(scope.ServiceProvider.GetRequiredService<IProblemDetailsService>(), NullLogger<ProblemDetailsHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(http, new Unauthenticated(), CancellationToken.None));

        Assert.Equal(401, http.Response.StatusCode);
        Assert.Equal("Bearer", http.Response.Headers.WWWAuthenticate.ToString());
        http.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal("/problems/unauthorized", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
    }
}
