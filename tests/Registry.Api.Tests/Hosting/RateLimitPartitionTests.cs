using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Hosting;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Hosting;

/// <summary>
/// Rate limits are per person or client (the token's subject), then per remote address for anonymous calls: every person
/// signs in through the one portal client, so a bucket per OAuth client would let one person's burst throttle everyone.
/// </summary>
public sealed class RateLimitPartitionTests : IAsyncLifetime
{
    // Enough for one sign-in (authorize, page, form, authorize, token) from one address; nothing comes back within a test.
    private const int Bucket = 6;

    private readonly SqliteApi _api = new();
    private WebApplicationFactory<Program> _limited = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_api).InitializeAsync();
        _limited = _api.WithWebHostBuilder(b => b
            .UseSetting("RateLimiting:TokenLimit", Bucket.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("RateLimiting:TokensPerPeriod", "1")
            .UseSetting("RateLimiting:PeriodSeconds", "3600")
            .ConfigureTestServices(s => s.AddSingleton<IStartupFilter, TestRemoteAddress>()));
    }

    public async Task DisposeAsync()
    {
        await _limited.DisposeAsync();
        await _api.DisposeAsync();
    }

    private async Task<HttpClient> SignedInAsync(string username, string address)
    {
        var browser = new BrowserSession(_limited);
        browser.Http.DefaultRequestHeaders.Add(TestRemoteAddress.Header, address);
        var page = await browser.OpenSignInPageAsync();
        var tokens = await browser.RedeemAsync(await browser.CodeAfterSignInAsync(await browser.SignInAsync(page, username, DemoData.Password)));
        var client = RegistryApi.BearerClient(_limited, tokens.GetProperty("access_token").GetString()!);
        client.DefaultRequestHeaders.Add(TestRemoteAddress.Header, address);
        return client;
    }

    private static async Task<int> CallsUntilRefusedAsync(HttpClient client, string path)
    {
        for (var call = 1; call <= Bucket + 1; call++)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return call;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        return int.MaxValue;
    }

    [Fact]
    public async Task Two_people_signed_in_through_the_portal_have_buckets_of_their_own()
    {
        var first = await SignedInAsync("shuyu", "10.0.0.1");
        var second = await SignedInAsync("zhijia", "10.0.0.2");

        Assert.Equal(Bucket + 1, await CallsUntilRefusedAsync(first, "/api/v1/bids/mine"));

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/bids/mine")).StatusCode);
    }

    [Fact]
    public async Task A_person_behind_a_shared_address_is_not_throttled_by_anonymous_callers_there()
    {
        var person = await SignedInAsync("xingtu", "10.0.0.3"); // the sign-in itself spent most of the address's bucket
        var anonymous = _limited.CreateClient();
        anonymous.DefaultRequestHeaders.Add(TestRemoteAddress.Header, "10.0.0.3");

        Assert.InRange(await CallsUntilRefusedAsync(anonymous, "/api/v1/reference/domains"), 1, Bucket + 1);

        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/api/v1/bids/mine")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_limited_per_remote_address()
    {
        var first = _limited.CreateClient();
        first.DefaultRequestHeaders.Add(TestRemoteAddress.Header, "10.0.0.4");
        var second = _limited.CreateClient();
        second.DefaultRequestHeaders.Add(TestRemoteAddress.Header, "10.0.0.5");

        Assert.Equal(Bucket + 1, await CallsUntilRefusedAsync(first, "/api/v1/reference/domains"));

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/reference/domains")).StatusCode);
    }
}
