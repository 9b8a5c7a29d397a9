using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Registry.Api.Hosting;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Access;

/// <summary>
/// Wrong passwords slow further attempts for that username from that network only, with growing waits, for unknown
/// usernames alike; nobody can lock another person out, and no answer tells whether a username exists.
/// </summary>
public abstract partial class SignInThrottleTests(RegistryApi api) : IAsyncLifetime
{
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);
    private WebApplicationFactory<Program> _proxied = null!;

    public Task InitializeAsync()
    {
        _proxied = api.BehindProxy(_clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _proxied.DisposeAsync();

    [GeneratedRegex("<p class=\"error\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex Alert();

    private static async Task<string> AlertOf(HttpResponseMessage page) => Alert().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;

    private sealed class Visitor(WebApplicationFactory<Program> host, string address)
    {
        public BrowserSession Browser { get; } = new(host);

        private HttpResponseMessage? _page;

        public async Task<HttpResponseMessage> SignInAsync(string username, string password)
        {
            if (_page is null)
            {
                Browser.Http.From(address);
                _page = await Browser.Http.GetAsync("/account/signin");
            }
            var answer = await Browser.SignInAsync(_page, username, password);
            // A refused attempt shows the form again; a success leaves the page to reuse for the next attempt.
            if (answer.StatusCode != HttpStatusCode.Redirect) _page = answer;
            return answer;
        }
    }

    [Fact]
    public async Task Failures_from_another_network_never_stop_the_person_signing_in()
    {
        var attacker = new Visitor(_proxied, "203.0.113.66");
        HttpResponseMessage last = null!;
        for (var i = 0; i < 8; i++) last = await attacker.SignInAsync("hf.transport", "guess-" + i);
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);

        var owner = new Visitor(_proxied, "198.51.100.7");
        var signedIn = await owner.SignInAsync("hf.transport", DemoData.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task From_the_fifth_failure_a_network_waits_longer_each_time_even_with_the_right_password()
    {
        var guesser = new Visitor(_proxied, "203.0.113.10");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.SignInAsync("shuyu", "guess-" + i)).StatusCode);

        var waiting = await guesser.SignInAsync("shuyu", DemoData.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.StatusCode);
        Assert.Equal("60", waiting.Headers.GetValues("Retry-After").Single());
        Assert.Null(waiting.Headers.Location);
        Assert.Contains("Too many failed attempts", await AlertOf(waiting), StringComparison.Ordinal);

        _clock.Set(_clock.GetUtcNow().AddSeconds(60));
        Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.SignInAsync("shuyu", "guess-6")).StatusCode);
        var longer = await guesser.SignInAsync("shuyu", DemoData.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, longer.StatusCode);
        Assert.Equal("120", longer.Headers.GetValues("Retry-After").Single());

        _clock.Set(_clock.GetUtcNow().AddSeconds(120));
        Assert.Equal(HttpStatusCode.Redirect, (await guesser.SignInAsync("shuyu", DemoData.Password)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_username_is_answered_exactly_like_a_known_one()
    {
        var prober = new Visitor(_proxied, "203.0.113.20");
        for (var i = 0; i < 7; i++)
        {
            var known = await prober.SignInAsync("zhijia", "guess-" + i);
            var unknown = await prober.SignInAsync("no.such.person", "guess-" + i);

            Assert.Equal(known.StatusCode, unknown.StatusCode);
            Assert.Equal(await AlertOf(known), await AlertOf(unknown));
            Assert.Equal(known.Headers.RetryAfter?.ToString(), unknown.Headers.RetryAfter?.ToString());
        }
    }

    [Fact]
    public async Task An_admin_unlock_ends_the_waits_of_a_username_from_every_network()
    {
        var first = new Visitor(_proxied, "203.0.113.30");
        var second = new Visitor(_proxied, "2001:db8:30::1");
        for (var i = 0; i < 6; i++)
        {
            await first.SignInAsync("xingtu", "guess-" + i);
            await second.SignInAsync("xingtu", "guess-" + i);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.SignInAsync("xingtu", DemoData.Password)).StatusCode);

        var admin = await api.ClientAsAsync("admin");
        var orgId = await api.OrganizationIdAsync("xingtu");
        var user = (await (await admin.GetAsync($"/api/v1/admin/users?organizationId={orgId}")).JsonAsync()).GetProperty("items")[0];
        Assert.NotEqual(JsonValueKind.Null, user.GetProperty("lockedUntil").ValueKind);
        var unlock = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/users/{user.GetProperty("id").GetGuid()}")
        {
            Content = JsonBody.Of(new { displayName = "海口星图遥感数据有限公司（演示）", active = true, unlock = true }),
        };
        unlock.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{user.GetProperty("version").GetInt64()}\""));
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(unlock)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await first.SignInAsync("xingtu", DemoData.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.SignInAsync("xingtu", DemoData.Password)).StatusCode);
    }

    [Fact]
    public async Task An_IPv6_guesser_gains_nothing_by_moving_within_its_64_bit_prefix()
    {
        HttpResponseMessage last = null!;
        for (var i = 0; i < 6; i++)
            last = await new Visitor(_proxied, $"2001:db8:40::{i + 1:x}").SignInAsync("certifier", "guess-" + i);

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
    }

    [Fact]
    public async Task Forwarded_for_headers_are_ignored_unless_the_proxy_is_configured()
    {
        var browser = new BrowserSession(api);
        var page = await browser.Http.GetAsync("/account/signin");
        for (var i = 0; i < 6; i++)
        {
            // Without ForwardedHeaders:KnownProxies a claimed address is not believed: each guess counts for the real peer.
            browser.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
            browser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"192.0.2.{i + 1}");
            page = await browser.SignInAsync(page, "sichuan", "guess-" + i);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
    }
}

public sealed class SignInThrottleTests_Sqlite(SqliteApi api) : SignInThrottleTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class SignInThrottleTests_PostgreSql(PostgreSqlApi api) : SignInThrottleTests(api), IClassFixture<PostgreSqlApi>;
