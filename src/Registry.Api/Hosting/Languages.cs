using System.Globalization;
using Microsoft.Net.Http.Headers;
using Registry.Application.Common;
using Registry.Domain;

namespace Registry.Api.Hosting;

/// <summary>
/// The two languages of the registry's messages: Chinese when the caller's most preferred language in Accept-Language that the
/// registry speaks is any Chinese (zh, zh-CN, zh-Hans, ...), English otherwise and when the header is absent. Only the UI culture
/// changes, so numbers and dates written into data keep one format; codes, problem types and field names never change.
/// </summary>
internal static class Languages
{
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static IApplicationBuilder UseRegistryLanguages(this IApplicationBuilder app)
    {
        // English is the language of a thread nobody set one on, so an English request (most are) has nothing to set or undo.
        CultureInfo.DefaultThreadCurrentUICulture ??= English;
        return app.Use((http, next) =>
        {
            var culture = Of(http.Request);
            // The context travels as the callback's state: no closure and no delegate per request.
            http.Response.OnStarting(AddVaryIfSpoken, http);
            return ReferenceEquals(CultureInfo.CurrentUICulture, culture) ? next(http) : InCultureAsync(http, next, culture);
        });
    }

    // Asynchronous so that the culture set here ends with the request, as an async method's changes to it do.
    private static async Task InCultureAsync(HttpContext http, RequestDelegate next, CultureInfo culture)
    {
        CultureInfo.CurrentUICulture = culture;
        await next(http);
    }

    private static readonly Func<object, Task> AddVaryIfSpoken = state =>
    {
        var http = (HttpContext)state;
        if (SpeaksTheCallersLanguage(http)) AddVary(http.Response.Headers);
        return Task.CompletedTask;
    };

    /// <summary>
    /// Answers whose body may follow Accept-Language: every /api answer (messages, alerts, field errors) and every problem. They
    /// vary by it, so a shared cache never hands a Chinese answer to an English caller.
    /// </summary>
    private static bool SpeaksTheCallersLanguage(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api")
        || http.Response.ContentType?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) == true;

    private static void AddVary(IHeaderDictionary headers)
    {
        if (headers.Vary.Count == 0)
        {
            headers.Vary = HeaderNames.AcceptLanguage;
            return;
        }
        var vary = headers.Vary.ToString();
        if (vary.Split(',').Any(v => v.Trim().Equals(HeaderNames.AcceptLanguage, StringComparison.OrdinalIgnoreCase) || v.Trim() == "*")) return;
        headers.Vary = string.IsNullOrEmpty(vary) ? HeaderNames.AcceptLanguage : vary + ", " + HeaderNames.AcceptLanguage;
    }

    /// <summary>The language Accept-Language asks for, by quality then order; tags the registry does not speak are passed over.</summary>
    public static CultureInfo Of(HttpRequest request)
    {
        // Most API callers send no Accept-Language: no parsing, no list.
        if (request.Headers.AcceptLanguage.Count == 0) return English;
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var tags)) return English;
        foreach (var tag in tags.Where(t => t.Quality is not 0).OrderByDescending(t => t.Quality ?? 1))
        {
            var name = tag.Value.Value ?? "";
            if (IsLanguage(name, "zh")) return Chinese;
            if (IsLanguage(name, "en")) return English;
        }
        return English;
    }

    private static bool IsLanguage(string tag, string language) =>
        tag.StartsWith(language, StringComparison.OrdinalIgnoreCase) && (tag.Length == language.Length || tag[language.Length] == '-');

    /// <summary>What a refusal says in the request's language: its own English message, or the Chinese of its code and arguments.</summary>
    public static string DetailOf(Exception e)
    {
        if (!Texts.IsChinese) return e.Message;
        return e switch
        {
            BusinessRuleException b => Rule(b),
            InvalidTransitionException t => Transition(t),
            NotFound n => EntityOf(n.Entity) is { } entity
                ? Texts.Format("refusal.not_found", entity, n.Id) : Texts.Format("refusal.not_found.unnamed", n.Id),
            PreconditionFailed { Variant: "stale", Arguments: [string entity, var current, var expected] } when EntityOf(entity) is { } named =>
                Texts.Format("refusal.precondition_failed.stale", named, current, expected),
            PreconditionFailed => Texts.Get("refusal.precondition_failed"),
            Forbidden { Variant: { } variant } f when Texts.Find("refusal.forbidden." + variant) is not null =>
                Texts.Format("refusal.forbidden." + variant, [.. f.Arguments]),
            Forbidden => Texts.Get("refusal.forbidden"),
            Unauthenticated => Texts.Get("detail.unauthorized"),
            _ => Texts.Get("detail.malformed"),
        };
    }

    private static string Rule(BusinessRuleException b)
    {
        var key = "rule." + b.Code;
        if (b.Variant is not null && Texts.Find(key + "." + b.Variant) is not null) key += "." + b.Variant;
        return Texts.Find(key) is not null ? Texts.Format(key, [.. b.Arguments]) : Texts.Format("refusal.rule", b.Code);
    }

    private static string Transition(InvalidTransitionException t)
    {
        var entity = EntityOf(t.Entity);
        if (entity is null) return Texts.Get("refusal.transition.unknown");
        var state = t.Current.StartsWith("no longer ", StringComparison.Ordinal) && Part("state", t.Current["no longer ".Length..]) is { } was
            ? Texts.Format("refusal.transition.no_longer", was)
            : Part("state", t.Current);
        var attempted = Part("action", t.Attempted);
        return state is null || attempted is null
            ? Texts.Format("refusal.transition.unnamed", entity)
            : Texts.Format("refusal.transition", entity, state, attempted);
    }

    /// <summary>The key of the Chinese title for a status the framework answers by itself (status code pages).</summary>
    public static string? FrameworkTitleOf(int? status) => status switch
    {
        400 => "title.status_bad_request", 401 => "title.status_unauthorized", 403 => "title.status_forbidden", 404 => "title.status_not_found",
        405 => "title.method_not_allowed", 406 => "title.status_not_acceptable", 409 => "title.status_conflict",
        413 => "title.status_payload_too_large", 415 => "title.status_unsupported_media_type", 500 => "title.status_internal_error",
        _ => null,
    };

    private static string? EntityOf(string entity) => Part("entity", entity);

    /// <summary>A part of a composed message (an entity, a state, an action) from its table; null when the table lacks it.</summary>
    private static string? Part(string table, string english) =>
        Texts.Find(table + "." + english.Replace(" ", "_").Replace(";", "").Replace("(", "").Replace(")", ""));
}
