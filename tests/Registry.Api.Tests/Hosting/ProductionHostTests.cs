using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Hosting;

/// <summary>The host started as Production, with real certificates and the configuration docs/operations.md asks for.</summary>
public sealed class ProductionHostTests : IAsyncLifetime
{
    private const string Issuer = "https://registry.example/";
    private const string PortalCallback = "https://portal.registry.example/callback";

    private readonly SqliteApi _api = new();
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("registry-keys-");
    private WebApplicationFactory<Program> _production = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_api).InitializeAsync();
        _production = Production(issuer: Issuer);
    }

    public async Task DisposeAsync()
    {
        await _production.DisposeAsync();
        await _api.DisposeAsync();
        _keys.Delete(recursive: true);
    }

    private string Certificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Registry {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_keys.FullName, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "test"));
        return path;
    }

    private WebApplicationFactory<Program> Production(string? issuer, bool auditKey = true) => _api.WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Production");
        b.UseSetting("Identity:SigningCertificate:Path", Certificate("signing"));
        b.UseSetting("Identity:SigningCertificate:Password", "test");
        b.UseSetting("Identity:EncryptionCertificate:Path", Certificate("encryption"));
        b.UseSetting("Identity:EncryptionCertificate:Password", "test");
        b.UseSetting("Identity:PortalRedirectUris:0", PortalCallback);
        b.UseSetting("https_port", "443");
        if (issuer is not null) b.UseSetting("Identity:Issuer", issuer);
        if (!auditKey) return;
        b.UseSetting("Audit:SigningCertificate:Path", Certificate("audit"));
        b.UseSetting("Audit:SigningCertificate:Password", "test");
    });

    private HttpClient Client(string baseAddress) =>
        _production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });

    [Fact]
    public async Task Production_refuses_to_start_without_a_configured_issuer()
    {
        await using var unnamed = Production(issuer: null);

        var error = Assert.ThrowsAny<Exception>(() => unnamed.CreateClient());

        Assert.Contains("Identity:Issuer", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_key_outside_the_database_for_audit_checkpoints()
    {
        await using var unsigned = Production(issuer: Issuer, auditKey: false);

        var error = Assert.ThrowsAny<Exception>(() => unsigned.CreateClient());

        Assert.Contains("Audit:SigningCertificate", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Production_signs_audit_checkpoints_with_the_configured_certificate()
    {
        var signer = _production.Services.GetRequiredService<Registry.Application.Audit.IAuditSigner>();
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(_keys.FullName, "audit.pfx"), "test");

        Assert.False(signer.Generated);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo())), signer.KeyId);
        var data = "checkpoint"u8.ToArray();
        Assert.Equal(Registry.Application.Audit.SignatureCheck.Valid, signer.Verify(signer.KeyId, data, signer.Sign(data)));
    }

    [Fact]
    public async Task Production_sends_plain_HTTP_to_HTTPS_even_when_a_request_claims_to_be_forwarded_HTTPS()
    {
        var http = Client("http://registry.example/");

        var redirected = await http.GetAsync("/api/v1/reference/domains");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https://registry.example/api/v1/reference/domains", redirected.Headers.Location!.ToString());

        var spoofed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reference/domains");
        spoofed.Headers.Add("X-Forwarded-Proto", "https");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, (await http.SendAsync(spoofed)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Production_answers_over_HTTPS_carry_HSTS()
    {
        var response = await Client("https://registry.example/").GetAsync("/api/v1/reference/domains");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Production_requires_HTTPS_on_the_OAuth_endpoints_by_default()
    {
        Assert.True(_production.Services.GetRequiredService<Registry.Api.Hosting.IdentityOptions>().RequireHttps);
    }

    [Fact]
    public async Task Production_registers_only_the_configured_portal_redirect_addresses()
    {
        var https = Client("https://registry.example/");
        await using (var scope = _production.Services.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var portal = await applications.FindByClientIdAsync("registry-portal");
            Assert.Equal(PortalCallback, Assert.Single(await applications.GetRedirectUrisAsync(portal!)));
        }

        var demo = await https.GetAsync("/connect/authorize?client_id=registry-portal&response_type=code&scope=openid&state=s" +
            "&code_challenge=" + new string('a', 43) + "&code_challenge_method=S256&redirect_uri=" + Uri.EscapeDataString("http://localhost/callback"));

        Assert.Equal(HttpStatusCode.BadRequest, demo.StatusCode);
        Assert.Null(demo.Headers.Location);
    }

    [Fact]
    public async Task The_production_issuer_names_discovery_whatever_the_Host_header_says()
    {
        var discovery = await (await Client("https://evil.example/").GetAsync("/.well-known/openid-configuration")).JsonAsync();

        Assert.Equal(Issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(Issuer + "connect/token", discovery.GetProperty("token_endpoint").GetString());
    }
}

public sealed class SeedDemoVerbTests
{
    [Fact]
    public async Task Seed_demo_refuses_to_run_outside_Development_and_touches_no_database()
    {
        var folder = Directory.CreateTempSubdirectory("registry-seed-");
        try
        {
            var database = Path.Combine(folder.FullName, "registry.db");
            var start = new ProcessStartInfo("dotnet", ["Registry.Api.dll", "seed-demo"])
            {
                WorkingDirectory = AppContext.BaseDirectory, RedirectStandardError = true, RedirectStandardOutput = true,
                Environment =
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Database__Provider"] = "Sqlite",
                    ["ConnectionStrings__Primary"] = $"Data Source={database}",
                },
            };
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal(2, process.ExitCode);
            Assert.Contains("only in Development", await error, StringComparison.Ordinal);
            Assert.False(File.Exists(database));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
