namespace Registry.Application.Common;

/// <summary>For hosts without jobs (tests, command-line verbs): nothing is scheduled, the sweeps do the work.</summary>
public sealed class NoJobScheduler : IJobScheduler
{
    public void CloseDemandAt(DateTimeOffset deadline)
    {
    }
}
