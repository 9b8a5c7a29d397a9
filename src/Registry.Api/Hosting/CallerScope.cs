using Registry.Application.Common;

namespace Registry.Api.Hosting;

/// <summary>
/// Decides the <see cref="ICaller"/> of a scope: the HTTP request's, unless code that runs outside a request (the demo
/// seeder, command-line verbs, jobs) declares itself the system for its own scope.
/// </summary>
public sealed class CallerScope
{
    public SystemCaller? System { get; private set; }

    public SystemCaller ActAsSystem(string? idempotencyKey = null) => System = new SystemCaller { IdempotencyKey = idempotencyKey };

    public static void Register(IServiceCollection services)
    {
        services.AddScoped<CallerScope>();
        services.AddScoped<HttpCaller>();
        services.AddScoped<ICaller>(sp => (ICaller?)sp.GetRequiredService<CallerScope>().System ?? sp.GetRequiredService<HttpCaller>());
    }
}
