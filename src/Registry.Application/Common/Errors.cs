namespace Registry.Application.Common;

/// <summary>
/// A failure the caller caused; the host maps each kind to one HTTP status and a stable problem type. Rule refusals (422) and
/// state conflicts (409) are the domain's <c>BusinessRuleException</c> and <c>InvalidTransitionException</c>, thrown here too.
/// </summary>
public abstract class RegistryException(string code, string message) : Exception(message)
{
    /// <summary>Stable, machine-readable slug, published as the problem type.</summary>
    public string Code { get; } = code;

    /// <summary>Which translation of the code's messages says this one (<see cref="Texts"/>); none for the code's general wording.</summary>
    public string? Variant { get; init; }

    /// <summary>The values the message names, in the order the translations place them.</summary>
    public IReadOnlyList<object?> Arguments { get; init; } = [];
}

/// <summary>The request needs an authenticated caller (401).</summary>
public sealed class Unauthenticated() : RegistryException("unauthorized", "Sign in or send a bearer token to do this.");

/// <summary>The resource does not exist, or the caller may not know that it does (404).</summary>
public sealed class NotFound(string entity, object id)
    : RegistryException("not_found", $"No {entity} with id '{id}' was found.")
{
    public string Entity { get; } = entity;

    public object Id { get; } = id;
}

/// <summary>The caller's If-Match version is no longer current (412).</summary>
public sealed class PreconditionFailed(string message) : RegistryException("precondition_failed", message)
{
    /// <summary>Refuses a change made from a version the caller read before someone else changed the item.</summary>
    public static void ThrowIfStale(string entity, long current, long expected)
    {
        if (current != expected) throw new PreconditionFailed($"The {entity} is at version {current}, not {expected}. Read it again.")
            {
                Variant = "stale", Arguments = [entity, current, expected],
            };
    }
}

/// <summary>The caller may see the resource but not do this to it (403).</summary>
public sealed class Forbidden(string message) : RegistryException("forbidden", message);

/// <summary>The input is invalid; every field error is listed (400).</summary>
public sealed class ValidationFailed(IReadOnlyDictionary<string, string[]> errors)
    : RegistryException("validation_failed", "One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailed For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}
