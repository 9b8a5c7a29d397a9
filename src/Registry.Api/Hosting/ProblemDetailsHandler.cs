using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Common;
using Registry.Domain;

namespace Registry.Api.Hosting;

/// <summary>
/// Turns every exception into an RFC 9457 problem details answer. Failures the caller caused get their status
/// and a stable type; anything else is a 500 carrying only a trace id, never a message, stack trace or SQL.
/// </summary>
internal sealed class ProblemDetailsHandler(IProblemDetailsService problems, ILogger<ProblemDetailsHandler> logger) : IExceptionHandler
{
    public const string TypePrefix = "/problems/";

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // A body or query value the framework could not bind is the caller's field error, named as the caller wrote it.
        if (BindingErrors.Translate(http, exception) is { } binding) exception = binding;
        var problem = exception switch
        {
            ValidationFailed v => new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest, Title = Texts.Get("title.validation_failed"),
            },
            RegistryException r => new ProblemDetails { Status = StatusOf(r), Title = Texts.Get(TitleOf(r)), Detail = Languages.DetailOf(r) },
            BusinessRuleException b => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity, Title = Texts.Get("title.rule"), Detail = Languages.DetailOf(b),
                Extensions = { ["code"] = b.Code },
            },
            InvalidTransitionException t => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict, Title = Texts.Get("title.conflict"), Detail = Languages.DetailOf(t),
                Extensions = { ["currentState"] = t.Current },
            },
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } b => new ProblemDetails
            {
                Status = b.StatusCode, Title = Texts.Get("title.payload_too_large"),
                Detail = Texts.IsChinese ? Texts.Get("detail.payload_too_large") : b.Message,
            },
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType, Title = Texts.Get("title.unsupported_media_type"),
                Detail = Texts.Get("detail.unsupported_media_type"),
            },
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Title = Texts.Get("title.malformed"), Detail = Languages.DetailOf(b) },
            // The framework's form reader refuses a percent-encoded NUL, too many fields, ... as invalid data: the caller's fault.
            InvalidDataException d => new ProblemDetails { Status = 400, Title = Texts.Get("title.malformed"), Detail = Languages.DetailOf(d) },
            OperationCanceledException when http.RequestAborted.IsCancellationRequested =>
                new ProblemDetails { Status = 499, Title = Texts.Get("title.client_closed") },
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", http.Request.Method, http.Request.Path);
            problem = new ProblemDetails { Status = 500, Title = Texts.Get("title.internal_error") };
        }
        else
        {
            // The caller's mistake, answered as designed: nothing for an operator to act on, so no error and no stack trace.
            logger.LogDebug("{Method} {Path} answered {Status}: {Title}", http.Request.Method, http.Request.Path, problem.Status, problem.Title);
        }
        problem.Type = TypePrefix + CodeOf(exception, problem.Status!.Value);
        if (exception is RegistryException { Code: var code }) problem.Extensions["code"] = code;
        if (exception is Unauthenticated) http.Response.Headers.WWWAuthenticate = "Bearer";
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static int StatusOf(RegistryException e) => e switch
    {
        NotFound => 404,
        PreconditionFailed => 412,
        Forbidden => 403,
        Unauthenticated => 401,
        _ => 400,
    };

    private static string TitleOf(RegistryException e) => e switch
    {
        NotFound => "title.not_found",
        PreconditionFailed => "title.precondition_failed",
        Forbidden => "title.forbidden",
        Unauthenticated => "title.unauthorized",
        _ => "title.invalid",
    };

    private static string CodeOf(Exception e, int status) => e switch
    {
        RegistryException r => r.Code.Replace('_', '-'),
        InvalidTransitionException => "invalid-transition",
        BusinessRuleException b => b.Code.Replace('_', '-'),
        _ => status switch
        {
            400 => "bad-request", 413 => "payload-too-large", 415 => "unsupported-media-type", 499 => "client-closed", _ => "internal-error",
        },
    };
}
