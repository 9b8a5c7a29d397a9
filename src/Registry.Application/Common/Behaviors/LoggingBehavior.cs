using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Registry.Application.Common.Behaviors;

/// <summary>Logs each request's name, outcome and duration; never its payload, which may hold personal data.</summary>
public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            // Checked first: the call's arguments are boxed into an array even when the level is off.
            if (logger.IsEnabled(LogLevel.Information))
                logger.LogInformation("{Request} handled in {Elapsed:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (RegistryException e)
        {
            logger.LogInformation("{Request} refused ({Code}) in {Elapsed:0.0} ms", name, e.Code, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "{Request} failed in {Elapsed:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
