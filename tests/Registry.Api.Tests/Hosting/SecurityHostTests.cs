using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Hosting;

public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly SqliteApi _api = new();
    private WebApplicationFactory<Program> _limited = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_api).InitializeAsync();
        _limited = _api.WithWebHostBuilder(b => b
            .UseSetting("RateLimiting:TokenLimit", "3")
            .UseSetting("RateLimiting:TokensPerPeriod", "1")
            .UseSetting("RateLimiting:PeriodSeconds", "60"));
    }

    public async Task DisposeAsync()
    {
        await _limited.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Past_its_bucket_a_client_gets_429_problems_with_Retry_After()
    {
        var client = _limited.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/reference/domains")).StatusCode);

        var refused = await client.GetAsync("/api/v1/reference/domains");

        var problem = await refused.ProblemAsync(429);
        Assert.Equal("/problems/rate-limited", problem.GetProperty("type").GetString());
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }
}

public sealed class ProductionKeyTests
{
    [Fact]
    public async Task Production_refuses_to_start_without_signing_and_encryption_certificates()
    {
        await using var api = new SqliteApi();
        await using var production = api.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        Assert.Contains("Identity:SigningCertificate", error.ToString(), StringComparison.Ordinal);
    }
}
