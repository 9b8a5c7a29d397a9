using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;
using Registry.Api.Hosting;
using Registry.Application.Access;
using Registry.Application.Common;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Registry.Api.Identity;

/// <summary>
/// The server-rendered sign-in, password change and sign-out pages of the authorization code flow: plain HTML forms,
/// anti-forgery protected, no JavaScript, labels in Chinese and English.
/// </summary>
public static class AccountPages
{
    /// <summary>The pages' only style sheet; the content security policy admits it by this hash, and nothing else inline.</summary>
    private const string Style = """
        body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; max-width: 26rem; margin: 4rem auto; padding: 0 1rem; color: #1f2933; }
        h1 small { font-size: 0.6em; color: #52606d; font-weight: normal; }
        label { display: block; margin: 1rem 0; }
        input:not([type=hidden]) { display: block; width: 100%; padding: 0.5rem; margin-top: 0.25rem; box-sizing: border-box; }
        button { padding: 0.5rem 1.5rem; }
        .error { color: #b42318; background: #fef3f2; padding: 0.5rem; }
        .hint { color: #52606d; font-size: 0.9em; }
        """;

    /// <summary>The CSP source expression of <see cref="Style"/>.</summary>
    public static string StyleHash { get; } = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style))) + "'";

    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription().DisableAntiforgery()
            .RequireRateLimiting(SecurityExtensions.AccountPagesPolicy);
        account.MapGet("/signin", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(SignInForm(http, antiforgery, LocalOrRoot(returnUrl), null, null)));
        account.MapPost("/signin", SignInAsync);
        account.MapPost("/change-password", ChangePasswordAsync);
        // A link or an image cannot sign anyone out: GET only asks, the anti-forgery protected POST acts.
        account.MapGet("/signout", (HttpContext http, IAntiforgery antiforgery) =>
            Page(SignOutForm(http, antiforgery, "/account/signout", [])));
        account.MapPost("/signout", SignOutAsync);
        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!await IsValidAsync(http, antiforgery)) return Page(Message("请刷新页面后重试 / The form expired: reload the page and try again."), 400);
        await http.SignOutAsync(SecurityExtensions.SignInCookie);
        return Results.Redirect("/account/signin");
    }

    /// <summary>
    /// The end-session endpoint (<c>/connect/logout</c>), after OpenIddict has validated the request: GET shows a confirmation
    /// that posts the same parameters back with an anti-forgery token; only that POST ends the session and returns to the
    /// client's registered post-logout address.
    /// </summary>
    internal static async Task<IResult> EndSessionAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            var parameters = http.Request.Query.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString())).ToList();
            return Page(SignOutForm(http, antiforgery, "/connect/logout", parameters));
        }
        if (!await IsValidAsync(http, antiforgery)) return Page(Message("请刷新页面后重试 / The form expired: reload the page and try again."), 400);
        await http.SignOutAsync(SecurityExtensions.SignInCookie);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/account/signin" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, IMediator mediator)
    {
        if (!await IsValidAsync(http, antiforgery)) return Page(Message("请刷新页面后重试 / The form expired: reload the page and try again."), 400);
        var form = http.Request.Form;
        var username = form["username"].ToString();
        var returnUrl = LocalOrRoot(form["returnUrl"]);
        if (username.Length == 0 || form["password"].ToString().Length == 0)
            return Page(SignInForm(http, antiforgery, returnUrl, username, "请输入用户名和密码 / Enter your username and password."), 400);

        SignInOutcome outcome;
        try
        {
            outcome = await mediator.Send(new SignIn(username, form["password"].ToString(), http.Connection.RemoteIpAddress?.ToString()));
        }
        catch (ValidationFailed)
        {
            return Page(SignInForm(http, antiforgery, returnUrl, null, "用户名或密码格式不正确 / The username or password is not well formed."), 400);
        }
        return outcome.Result switch
        {
            SignInResult.Succeeded when outcome.MustChangePassword =>
                Page(ChangeForm(http, antiforgery, returnUrl, username, "首次登录请修改初始密码 / Change your initial password to continue.")),
            SignInResult.Succeeded => await CompleteAsync(http, outcome.UserId!.Value, returnUrl),
            SignInResult.Throttled => Throttled(http, outcome, SignInForm(http, antiforgery, returnUrl, username, WaitMessage(outcome))),
            _ => Page(SignInForm(http, antiforgery, returnUrl, username, "用户名或密码错误 / Wrong username or password."), 401),
        };
    }

    // The same words for every username, known or not, so the answer tells nothing about which accounts exist.
    private static string WaitMessage(SignInOutcome outcome) => string.Format(CultureInfo.InvariantCulture,
        "尝试次数过多，请于北京时间 {0} 后重试 / Too many failed attempts from your network: try again after {0}.",
        Registry.Domain.Time.ChinaTime.FormatToSecond(outcome.RetryAfter!.Value));

    private static IResult Throttled(HttpContext http, SignInOutcome outcome, string body)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((outcome.RetryAfter!.Value - http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Page(body, StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext http, IAntiforgery antiforgery, IMediator mediator)
    {
        if (!await IsValidAsync(http, antiforgery)) return Page(Message("请刷新页面后重试 / The form expired: reload the page and try again."), 400);
        var form = http.Request.Form;
        var username = form["username"].ToString();
        var returnUrl = LocalOrRoot(form["returnUrl"]);
        try
        {
            var outcome = await mediator.Send(new ChangePassword(username, form["currentPassword"].ToString(), form["newPassword"].ToString(),
                http.Connection.RemoteIpAddress?.ToString()));
            if (outcome.Result == SignInResult.Succeeded) return await CompleteAsync(http, outcome.UserId!.Value, returnUrl);
            if (outcome.Result == SignInResult.Throttled)
                return Throttled(http, outcome, ChangeForm(http, antiforgery, returnUrl, username, WaitMessage(outcome)));
            return Page(ChangeForm(http, antiforgery, returnUrl, username, "当前密码错误 / The current password is wrong."), 401);
        }
        catch (ValidationFailed e)
        {
            return Page(ChangeForm(http, antiforgery, returnUrl, username, string.Join(" ", e.Errors.SelectMany(x => x.Value))), 400);
        }
    }

    private static async Task<IResult> CompleteAsync(HttpContext http, Guid userId, string returnUrl)
    {
        var identity = new ClaimsIdentity(SecurityExtensions.SignInCookie, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, userId.ToString()));
        await http.SignInAsync(SecurityExtensions.SignInCookie, new ClaimsPrincipal(identity));
        return Results.Redirect(returnUrl);
    }

    private static async Task<bool> IsValidAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType) return false;
        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
            await antiforgery.ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
        // A form the framework refuses to read (e.g. an escaped NUL character in a value) is not caught: the exception handler
        // answers it as a malformed request (400 problem), as it answers an unreadable body anywhere else.
    }

    // Only paths of this site: an open redirect would hand the signed-in user to anyone's page.
    private static string LocalOrRoot(string? url) => IsLocalPath(url) ? url! : "/";

    /// <summary>
    /// A path of this site, as ASP.NET Core's <c>IsLocalUrl</c> has it ("/x", never "//host" or "/\host"), written in
    /// printable ASCII only: browsers drop tabs and line breaks ("/\t/evil.example" becomes "//evil.example"),
    /// read a backslash as a slash, and a header cannot carry the rest.
    /// </summary>
    internal static bool IsLocalPath(string? url) =>
        url is { Length: > 0 and <= 4096 } && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && url.All(c => c is > ' ' and < '\u007f' and not '\\');

    private static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    private static string Hidden(HttpContext http, IAntiforgery antiforgery, string returnUrl)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"""<input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}"><input type="hidden" name="returnUrl" value="{E(returnUrl)}">""";
    }

    private static string SignOutForm(HttpContext http, IAntiforgery antiforgery, string action, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var hidden = string.Concat(parameters.Where(p => p.Key != tokens.FormFieldName)
            .Select(p => $"""<input type="hidden" name="{E(p.Key)}" value="{E(p.Value)}">"""));
        return $"""
            <h1>退出登录 <small>Sign out</small></h1>
            <form method="post" action="{E(action)}">
              <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">{hidden}
              <button type="submit">退出 Sign out</button>
            </form>
            """;
    }

    private static string Error(string? error) => error is null ? "" : $"""<p class="error" role="alert">{E(error)}</p>""";

    private static string SignInForm(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? username, string? error) => $"""
        <h1>登录 <small>Sign in</small></h1>
        {Error(error)}
        <form method="post" action="/account/signin">
          {Hidden(http, antiforgery, returnUrl)}
          <label>用户名 Username<input name="username" autocomplete="username" required value="{E(username)}"></label>
          <label>密码 Password<input name="password" type="password" autocomplete="current-password" required></label>
          <button type="submit">登录 Sign in</button>
        </form>
        """;

    private static string ChangeForm(HttpContext http, IAntiforgery antiforgery, string returnUrl, string username, string? message) => $"""
        <h1>修改密码 <small>Change password</small></h1>
        {Error(message)}
        <form method="post" action="/account/change-password">
          {Hidden(http, antiforgery, returnUrl)}
          <input type="hidden" name="username" value="{E(username)}">
          <label>当前密码 Current password<input name="currentPassword" type="password" autocomplete="current-password" required></label>
          <label>新密码 New password<input name="newPassword" type="password" autocomplete="new-password" required minlength="10"></label>
          <p class="hint">{E(Domain.Access.PasswordRule.Message)}（至少10位，含字母和数字）</p>
          <button type="submit">保存 Save</button>
        </form>
        """;

    private static string Message(string text) => $"""<h1>Registry</h1>{Error(text)}<p><a href="/account/signin">登录 Sign in</a></p>""";

    private static IResult Page(string body, int status = 200) => Results.Content($$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
          <title>全国数据标注公共服务平台 · Registry</title>
          <style>{{Style}}</style>
        </head>
        <body>
        <p>全国数据标注公共服务平台 · National data labeling public-service platform</p>
        {{body}}
        </body>
        </html>
        """, "text/html; charset=utf-8", statusCode: status);
}
