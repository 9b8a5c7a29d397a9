using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Registry.Api.Hosting;

/// <summary>
/// The portal (src/Registry.Web), built by the project's build into the <c>portal</c> folder and served at <c>/</c>: its files,
/// and its index page for every client route. The API, sign-in, reference and health addresses are never answered by it.
/// </summary>
public static class Portal
{
    /// <summary>The folder, under the content root, the front-end build writes into.</summary>
    public const string Folder = "portal";

    /// <summary>Paths that belong to the host: an unknown address under them stays a 404 problem, never the portal's page.</summary>
    private static readonly string[] HostPaths = ["/api", "/connect", "/account", "/openapi", "/docs", "/health", "/.well-known", "/assets"];

    /// <summary>
    /// The portal's own policy: its scripts and styles from this site only (Element Plus sets inline style attributes), calls to
    /// this site only, never framed.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static WebApplication UsePortal(this WebApplication app)
    {
        // Portal:Folder moves it (tests, or a deployment that keeps the pages elsewhere); relative to the content root.
        var root = Path.Combine(app.Environment.ContentRootPath, app.Configuration["Portal:Folder"] ?? Folder);
        IFileProvider files = Directory.Exists(root) ? new PhysicalFileProvider(root) : new NullFileProvider();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = c =>
            {
                // Vite names every asset by its content hash; the index page must be read again after each deployment.
                var immutable = c.Context.Request.Path.StartsWithSegments("/assets");
                c.Context.Response.Headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "no-cache";
                if (!immutable) c.Context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            },
        });
        // Only where routing found nothing: unknown API addresses keep their 404 problem and wrong methods their 405.
        app.Use((http, next) => http.GetEndpoint() is not null || !IsClientRoute(http.Request) ? next(http) : SendIndexAsync(http, files));
        return app;
    }

    private static async Task SendIndexAsync(HttpContext http, IFileProvider files)
    {
        var index = files.GetFileInfo("index.html");
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.ContentType = "text/html; charset=utf-8";
        if (!index.Exists) await http.Response.WriteAsync(NotBuiltPage, http.RequestAborted);
        else await http.Response.SendFileAsync(index, http.RequestAborted);
    }

    /// <summary>A page of the portal: a GET or HEAD outside the host's own paths, not naming a file.</summary>
    internal static bool IsClientRoute(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !HostPaths.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        && !Path.HasExtension(request.Path.Value);

    /// <summary>What <c>/</c> answers when the build found no Node.js: the API works, the pages are not built.</summary>
    public const string NotBuiltPage = """
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>Registry</title></head>
        <body>
        <h1>门户页面尚未构建 / The portal is not built</h1>
        <p>构建时未找到 Node.js，因此只提供 API。安装 Node.js 20.19 或更高版本后重新构建：
           <code>dotnet build src/Registry.Api</code>（或在 src/Registry.Web 中运行 <code>npm ci</code> 和 <code>npm run build</code>）。</p>
        <p>Node.js was not found when the host was built, so only the API is served. Install Node.js 20.19 or later and build
           again: <code>dotnet build src/Registry.Api</code> (or <code>npm ci</code> and <code>npm run build</code> in src/Registry.Web).</p>
        <p><a href="/docs">API 参考 / API reference</a> · <a href="/health/ready">健康检查 / Health</a></p>
        </body></html>
        """;
}

