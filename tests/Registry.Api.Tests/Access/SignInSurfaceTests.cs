using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Api.Hosting;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Access;

/// <summary>What a browser or a client sees of the sign-in surface: redirects, sign-out, PKCE, client errors, headers, issuer.</summary>
public sealed partial class SignInSurfaceTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptElement();

    private static string CspHash(string inline) => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline))) + "'";

    private async Task<BrowserSession> SignedInBrowserAsync(string username = "cd.health")
    {
        var browser = new BrowserSession(api);
        var page = await browser.OpenSignInPageAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(page, username, DemoData.Password)).StatusCode);
        return browser;
    }

    // The authorize endpoint hands a signed-in browser a code at once and sends an anonymous one to the sign-in page.
    private static async Task<bool> IsSignedInAsync(BrowserSession browser)
    {
        var authorize = await browser.Http.GetAsync(browser.AuthorizeUrl());
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        return authorize.Headers.Location!.ToString().StartsWith(BrowserSession.RedirectUri, StringComparison.Ordinal);
    }

    // Percent-encoded so that control characters survive as test data; each is decoded before use.
    [Theory]
    [InlineData("/%09/evil.example/x")]
    [InlineData("/%0A/evil.example/x")]
    [InlineData("/%0D%0A/evil.example")]
    [InlineData("//evil.example/x")]
    [InlineData("/%5Cevil.example/x")]
    [InlineData("/%5C/evil.example")]
    [InlineData("/a%5C..%5C%5Cevil.example")]
    [InlineData("https://evil.example/x")]
    [InlineData("%20/evil")]
    [InlineData("/%20/evil.example")]
    [InlineData("/%C2%85/evil.example")]
    [InlineData("/donn%C3%A9es")]
    [InlineData("/x%0D%0ASet-Cookie:%20a=b")]
    public async Task A_return_address_that_is_not_a_plain_local_path_lands_on_the_root(string encoded)
    {
        var returnUrl = Uri.UnescapeDataString(encoded);
        var browser = new BrowserSession(api);
        var shown = await browser.Http.GetAsync("/account/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal("/", WebUtility.HtmlDecode(ReturnUrlField().Match(await shown.Content.ReadAsStringAsync()).Groups[1].Value));

        var signedIn = await browser.SubmitAsync(shown, "/account/signin",
            new() { ["username"] = "certifier", ["password"] = DemoData.Password, ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_form_with_a_NUL_character_is_refused_as_malformed_without_a_500()
    {
        var browser = new BrowserSession(api);
        var page = await browser.Http.GetAsync("/account/signin");

        var refused = await browser.SubmitAsync(page, "/account/signin",
            new() { ["username"] = "certifier", ["password"] = DemoData.Password, ["returnUrl"] = "/x\0/evil.example" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
    }

    [Fact]
    public async Task A_local_return_address_is_kept()
    {
        var browser = new BrowserSession(api);
        var page = await browser.Http.GetAsync("/account/signin");
        const string local = "/connect/authorize?client_id=registry-portal&state=a%2Fb";

        var signedIn = await browser.SubmitAsync(page, "/account/signin",
            new() { ["username"] = "certifier", ["password"] = DemoData.Password, ["returnUrl"] = local });

        Assert.Equal(local, signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_out_takes_a_post_with_the_forms_anti_forgery_token()
    {
        var browser = await SignedInBrowserAsync();

        var asked = await browser.Http.GetAsync("/account/signout");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.True(await IsSignedInAsync(browser));

        var forged = await browser.Http.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True(await IsSignedInAsync(browser));

        var signedOut = await browser.SubmitAsync(asked, "/account/signout", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.False(await IsSignedInAsync(browser));
    }

    [Fact]
    public async Task The_end_session_endpoint_asks_first_and_ends_the_session_only_on_a_post_with_anti_forgery()
    {
        var browser = await SignedInBrowserAsync("sichuan");
        var logout = "/connect/logout?post_logout_redirect_uri=" + Uri.EscapeDataString(BrowserSession.RedirectUri) + "&state=bye";

        var asked = await browser.Http.GetAsync(logout);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.True(await IsSignedInAsync(browser));

        var forged = await browser.Http.PostAsync("/connect/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["post_logout_redirect_uri"] = BrowserSession.RedirectUri, ["state"] = "bye",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True(await IsSignedInAsync(browser));

        var ended = await browser.Http.PostAsync("/connect/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["post_logout_redirect_uri"] = BrowserSession.RedirectUri, ["state"] = "bye",
            ["__RequestVerificationToken"] = await BrowserSession.AntiforgeryTokenAsync(asked),
        }));
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith(BrowserSession.RedirectUri + "?state=bye", ended.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.False(await IsSignedInAsync(browser));
    }

    [Fact]
    public async Task Discovery_offers_only_the_S256_code_challenge_method()
    {
        var discovery = await (await api.CreateClient().GetAsync("/.well-known/openid-configuration")).JsonAsync();

        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
    }

    [Theory]
    [InlineData("&code_challenge_method=plain")]
    [InlineData("")]
    public async Task An_authorization_request_with_a_plain_code_challenge_is_refused(string method)
    {
        var browser = await SignedInBrowserAsync("nda");
        var url = "/connect/authorize?client_id=registry-portal&response_type=code&redirect_uri=" + Uri.EscapeDataString(BrowserSession.RedirectUri) +
            "&scope=openid&state=plain&code_challenge=" + new string('a', 43) + method;

        var refused = await browser.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        Assert.Contains("invalid_request", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_endpoint_answers_an_unknown_client_exactly_like_a_wrong_secret()
    {
        var client = api.CreateClient();
        async Task<(HttpStatusCode, string, string)> AskAsync(string clientId, string secret)
        {
            var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "registry.api",
            }));
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), string.Join(",", response.Headers.WwwAuthenticate));
        }

        var wrongSecret = await AskAsync("demo-nda", "wrong");
        var unknown = await AskAsync("demo-nobody", "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.Item1);
        Assert.Contains("invalid_client", wrongSecret.Item2, StringComparison.Ordinal);
        Assert.Equal(wrongSecret, unknown);
    }

    [Theory]
    [InlineData("/api/v1/reference/domains")]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/account/signin")]
    [InlineData("/docs")]
    public async Task Every_answer_forbids_sniffing_referrers_and_framing(string path)
    {
        var response = await api.CreateClient().GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_sign_in_pages_admit_only_their_own_style_and_forms_to_this_site_and_the_portal()
    {
        var page = await api.CreateClient().GetAsync("/account/signin");
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        var style = StyleElement().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;

        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self' http://localhost;", csp, StringComparison.Ordinal);
        Assert.Contains("style-src " + CspHash(style) + ";", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_reference_keeps_its_scripts()
    {
        var docs = await api.CreateClient().GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.False(docs.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task A_form_post_authorization_answer_runs_under_the_pages_policy()
    {
        var browser = await SignedInBrowserAsync("shuyu");

        var answer = await browser.Http.GetAsync(browser.AuthorizeUrl() + "&response_mode=form_post");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var script = ScriptElement().Match(await answer.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(script);
        Assert.Contains("script-src " + CspHash(script) + ";", answer.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Kestrel_sends_no_server_banner()
    {
        Assert.False(api.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }

    [Fact]
    public async Task The_issuer_comes_from_configuration_never_from_the_Host_header()
    {
        var discovery = await (await api.CreateClient().GetAsync("http://evil.example/.well-known/openid-configuration")).JsonAsync();

        Assert.Equal("http://localhost/", discovery.GetProperty("issuer").GetString());
        Assert.StartsWith("http://localhost/", discovery.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_name_the_configured_issuer_and_are_accepted_whatever_host_they_were_asked_from()
    {
        await using var configured = api.WithWebHostBuilder(b => b.UseSetting("Identity:Issuer", "https://registry.example/"));
        var client = configured.CreateClient();
        client.BaseAddress = new Uri("http://evil.example/");

        var discovery = await (await client.GetAsync("/.well-known/openid-configuration")).JsonAsync();
        Assert.Equal("https://registry.example/", discovery.GetProperty("issuer").GetString());

        var token = await (await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "demo-nda", ["client_secret"] = "demo-secret-nda", ["scope"] = "registry.api",
        }))).JsonAsync();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/organizations")).StatusCode);
    }
}
