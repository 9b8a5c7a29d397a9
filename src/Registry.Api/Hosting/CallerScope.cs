using Registry.Application.Common;

namespace Registry.Api.Hosting;

/// <summary>
/// Decides the <see cref="ICaller"/> of a scope: the HTTP request's, unless code that runs outside a request (the demo
/// seeder, command-line verbs, jobs) declares itself the system for its own scope.
/// </summary>
public sealed class CallerScope
{
    public ICaller? Override { get; private set; }

    public SystemCaller ActAsSystem(string? idempotencyKey = null)
    {
        var system = new SystemCaller { IdempotencyKey = idempotencyKey };
        Override = system;
        return system;
    }

    /// <summary>Acts as an organization's own system would (the demo seeder registering enterprises).</summary>
    public void ActAs(string role, Guid organizationId, string regionCode) => Override = new OrganizationCaller(role, organizationId, regionCode);

    private sealed class OrganizationCaller(string role, Guid organizationId, string regionCode) : ICaller
    {
        public string Subject => "seed:" + organizationId;
        public bool IsAuthenticated => true;
        public bool IsSystem => false;
        public string? Role => role;
        public Guid? OrganizationId => organizationId;
        public string? RegionCode => regionCode;
        public string? IdempotencyKey => null;
    }

    /// <summary>
    /// Sends a request in a scope of its own, as one HTTP request would have, acting as the given organization or, with
    /// none, as the system. Used by the demo seeders and jobs.
    /// </summary>
    public static async Task<T> SendAsync<T>(IServiceProvider services, (string Role, Guid Id, string Region)? actor, MediatR.IRequest<T> request,
        CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var callers = scope.ServiceProvider.GetRequiredService<CallerScope>();
        if (actor is { } a) callers.ActAs(a.Role, a.Id, a.Region);
        else callers.ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(request, ct);
    }

    public static void Register(IServiceCollection services)
    {
        services.AddScoped<CallerScope>();
        // HttpCaller reads the request on each use and keeps nothing, so neither it nor the choice below needs an entry in the
        // request scope's table (which each entry grows); the choice is made when a caller is asked for, so an override set
        // first always wins.
        services.AddTransient<HttpCaller>();
        services.AddTransient<ICaller>(sp => sp.GetRequiredService<CallerScope>().Override ?? sp.GetRequiredService<HttpCaller>());
    }
}
