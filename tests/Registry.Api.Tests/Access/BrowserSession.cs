using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Access;

/// <summary>A person's browser: keeps cookies, follows no redirect by itself, fills the sign-in forms.</summary>
public sealed partial class BrowserSession(WebApplicationFactory<Program> api, string scope = BrowserSession.ApiScopes)
{
    public const string RedirectUri = "http://localhost/callback";

    /// <summary>What the portal asks for: signing in, a refresh token and the API.</summary>
    public const string ApiScopes = "openid profile offline_access registry.api";

    public HttpClient Http { get; } = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private readonly string _verifier = Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();

    public string AuthorizeUrl(string state = "state-1") =>
        "/connect/authorize?" + string.Join("&", new Dictionary<string, string>
        {
            ["client_id"] = "registry-portal", ["response_type"] = "code", ["redirect_uri"] = RedirectUri,
            ["scope"] = scope, ["state"] = state,
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(_verifier))), ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    private static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    /// <summary>Starts the code flow; the authorize endpoint sends an anonymous browser to the sign-in page.</summary>
    public async Task<HttpResponseMessage> OpenSignInPageAsync()
    {
        var authorize = await Http.GetAsync(AuthorizeUrl());
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        Assert.StartsWith("/account/signin", PathOf(authorize.Headers.Location!), StringComparison.Ordinal);
        return await Http.GetAsync(PathOf(authorize.Headers.Location!));
    }

    /// <summary>The anti-forgery token of a form page, as a browser would send it back.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpResponseMessage page) =>
        WebUtility.HtmlDecode(AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);

    /// <summary>Posts a form page's form with its anti-forgery token and return address.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(HttpResponseMessage page, string action, Dictionary<string, string> fields)
    {
        var html = await page.Content.ReadAsStringAsync();
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(page);
        fields.TryAdd("returnUrl", WebUtility.HtmlDecode(ReturnUrlField().Match(html).Groups[1].Value));
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts a form page's form with fields encoded by the caller, so it may send bytes a browser would escape.</summary>
    public async Task<HttpResponseMessage> SubmitRawAsync(HttpResponseMessage page, string action, string encodedFields)
    {
        var html = await page.Content.ReadAsStringAsync();
        var token = Uri.EscapeDataString(WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value));
        var returnUrl = Uri.EscapeDataString(WebUtility.HtmlDecode(ReturnUrlField().Match(html).Groups[1].Value));
        return await Http.PostAsync(action, new StringContent($"__RequestVerificationToken={token}&returnUrl={returnUrl}&{encodedFields}",
            Encoding.UTF8, "application/x-www-form-urlencoded"));
    }

    public Task<HttpResponseMessage> SignInAsync(HttpResponseMessage page, string username, string password) =>
        SubmitAsync(page, "/account/signin", new() { ["username"] = username, ["password"] = password });

    /// <summary>Follows the redirect back to the authorize endpoint and returns the authorization code sent to the client.</summary>
    public async Task<string> CodeAfterSignInAsync(HttpResponseMessage signedIn)
    {
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var authorize = await Http.GetAsync(PathOf(signedIn.Headers.Location!));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var callback = authorize.Headers.Location!;
        Assert.StartsWith(RedirectUri, callback.ToString(), StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("state-1", query["state"].ToString());
        return query["code"].ToString();
    }

    public async Task<JsonElement> RedeemAsync(string code)
    {
        var response = await Http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri,
            ["client_id"] = "registry-portal", ["code_verifier"] = _verifier,
        }));
        var body = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body;
    }

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = "registry-portal",
        }));
}
