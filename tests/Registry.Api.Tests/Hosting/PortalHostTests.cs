using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Registry.Api.Hosting;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Hosting;

/// <summary>One host over a built portal (a stand-in index page and asset) and one whose portal folder is missing.</summary>
public sealed class PortalHosts : IAsyncLifetime
{
    private readonly SqliteApi _api = new();
    public const string Index = "<!doctype html><html><body><div id=\"app\"></div><script type=\"module\" src=\"/assets/index-abc.js\"></script></body></html>";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("registry-portal-");
    private WebApplicationFactory<Program>? _built, _notBuilt;

    public HttpClient Built()
    {
        if (_built is null)
        {
            File.WriteAllText(Path.Combine(_folder.FullName, "index.html"), Index);
            Directory.CreateDirectory(Path.Combine(_folder.FullName, "assets"));
            File.WriteAllText(Path.Combine(_folder.FullName, "assets", "index-abc.js"), "console.log('portal')");
            _built = _api.WithWebHostBuilder(b => b.UseSetting("Portal:Folder", _folder.FullName));
        }
        return _built.CreateClient();
    }

    public HttpClient NotBuilt() =>
        (_notBuilt ??= _api.WithWebHostBuilder(b => b.UseSetting("Portal:Folder", Path.Combine(_folder.FullName, "not-built")))).CreateClient();

    public Task InitializeAsync() => ((IAsyncLifetime)_api).InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_built is not null) await _built.DisposeAsync();
        if (_notBuilt is not null) await _notBuilt.DisposeAsync();
        await _api.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}

/// <summary>The host serves the built portal at <c>/</c> and its client routes, and keeps its own addresses to itself.</summary>
public sealed class PortalHostTests(PortalHosts hosts) : IClassFixture<PortalHosts>
{
    private const string Index = PortalHosts.Index;

    [Theory]
    [InlineData("/")]
    [InlineData("/demands/01a233f1-6238-70f4-8a34-2d5d7b6079fc")]
    [InlineData("/catalog?q=%E7%97%85%E7%90%86")]
    public async Task Client_routes_answer_the_portal_page_under_its_own_policy(string path)
    {
        var response = await hosts.Built().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Index, await response.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_good()
    {
        var response = await hosts.Built().GetAsync("/assets/index-abc.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/connect/nothing-here")]
    [InlineData("/account/nothing-here")]
    [InlineData("/assets/missing.js")]
    public async Task Unknown_host_addresses_stay_404_problems(string path)
    {
        var problem = await (await hosts.Built().GetAsync(path)).ProblemAsync(404);

        Assert.Equal("/problems/not-found", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_wrong_method_on_an_API_route_stays_405()
    {
        var response = await hosts.Built().GetAsync("/api/v1/admin/jobs/demand-closing");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task The_API_reference_sign_in_and_health_are_still_the_hosts()
    {
        var client = hosts.Built();

        Assert.NotEqual(Index, await (await client.GetAsync("/docs/")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Contains("password", await (await client.GetAsync("/account/signin")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Without_a_built_portal_the_home_page_says_how_to_build_it()
    {
        var response = await hosts.NotBuilt().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(Portal.NotBuiltPage, page);
        Assert.Contains("npm run build", page, StringComparison.Ordinal);
    }
}
