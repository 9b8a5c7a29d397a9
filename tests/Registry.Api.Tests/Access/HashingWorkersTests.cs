using Registry.Infrastructure.Identity;

namespace Registry.Api.Tests.Access;

/// <summary>Password checks, which anyone can cause, run below the priority of every other request.</summary>
public sealed class HashingWorkersTests
{
    [Fact]
    public async Task Password_checks_run_on_their_own_threads_below_normal_priority()
    {
        var (thread, niceness) = await HashingWorkers.RunAsync(() => (Thread.CurrentThread.Name, HashingWorkers.CurrentNiceness()), default);

        Assert.StartsWith("password-check-", thread, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(HashingWorkers.Niceness, niceness);
            // The caller goes on at normal priority: no thread the pool starts inherits the workers' niceness.
            Assert.Equal(0, HashingWorkers.CurrentNiceness());
            var poolThreads = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
            {
                await HashingWorkers.RunAsync(() => 0, default);
                return HashingWorkers.CurrentNiceness();
            })));
            Assert.All(poolThreads, n => Assert.Equal(0, n));
        }
    }

    [Fact]
    public async Task A_failing_check_fails_its_caller_only_and_the_workers_go_on()
    {
        var failed = HashingWorkers.RunAsync<bool>(() => throw new FormatException("Not a password hash."), default);

        await Assert.ThrowsAsync<FormatException>(() => failed);
        Assert.True(await HashingWorkers.RunAsync(() => true, default));
    }
}
