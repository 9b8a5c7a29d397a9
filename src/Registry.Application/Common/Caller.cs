namespace Registry.Application.Common;

/// <summary>Who sends the current request, as far as the application needs to know.</summary>
public interface ICaller
{
    /// <summary>Subject of the token (user or client id), or "system" for jobs and command-line verbs.</summary>
    string Subject { get; }

    /// <summary>Organization the caller acts for, when known.</summary>
    Guid? OrganizationId { get; }

    /// <summary>Key of an <c>Idempotency-Key</c> header sent with the current command, if any.</summary>
    string? IdempotencyKey { get; }
}

/// <summary>The caller of work that no person or client started: jobs, migrations, the demo seeder, tests.</summary>
public sealed class SystemCaller : ICaller
{
    public string Subject => "system";

    public Guid? OrganizationId => null;

    public string? IdempotencyKey { get; set; }
}
