namespace Registry.Application.Common;

/// <summary>The caller of work that no person or client started: jobs, migrations, the demo seeder, tests.</summary>
public sealed class SystemCaller : ICaller
{
    public string Subject => "system";

    public bool IsAuthenticated => true;

    public bool IsSystem => true;

    public string? Role => null;

    public Guid? OrganizationId => null;

    public string? RegionCode => null;

    public string? IdempotencyKey { get; set; }
}
