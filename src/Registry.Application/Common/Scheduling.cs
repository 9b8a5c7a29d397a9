namespace Registry.Application.Common;

/// <summary>Schedules work at a point in time (Hangfire in the host); the minute sweeps catch anything a schedule misses.</summary>
public interface IJobScheduler
{
    void CloseDemandAt(DateTimeOffset deadline);
}

/// <summary>For hosts without jobs (tests, command-line verbs): nothing is scheduled, the sweeps do the work.</summary>
public sealed class NoJobScheduler : IJobScheduler
{
    public void CloseDemandAt(DateTimeOffset deadline)
    {
    }
}
