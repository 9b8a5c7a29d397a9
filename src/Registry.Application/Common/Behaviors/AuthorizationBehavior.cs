using MediatR;

namespace Registry.Application.Common.Behaviors;

/// <summary>
/// Checks the roles a request declares before anything else runs. A request that declares nothing is refused:
/// no use case is reachable without a decision.
/// </summary>
public sealed class AuthorizationBehavior<TRequest, TResponse>(ICaller caller) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var (isPublic, roles) = AccessPolicy.Of(typeof(TRequest));
        if (isPublic || caller.IsSystem) return next();
        if (roles is null) throw new InvalidOperationException($"{typeof(TRequest).Name} declares no access policy.");
        if (!caller.IsAuthenticated) throw new Unauthenticated();
        if (caller.Role is null || !roles.Contains(caller.Role))
            throw new Forbidden($"The {caller.Role ?? "current"} role may not do this; it is for: {string.Join(", ", roles)}.")
            {
                Variant = "role", Arguments = [string.Join(", ", roles)],
            };
        return next();
    }
}
