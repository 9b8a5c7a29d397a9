namespace Registry.Application.Common;

/// <summary>Schedules work at a point in time (Hangfire in the host); the minute sweeps catch anything a schedule misses.</summary>
public interface IJobScheduler
{
    void CloseDemandAt(DateTimeOffset deadline);
}
