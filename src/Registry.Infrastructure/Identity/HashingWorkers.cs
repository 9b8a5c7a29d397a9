using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Registry.Infrastructure.Identity;

/// <summary>
/// A few dedicated threads for password checks, which anyone can cause by signing in and which are slow by design (PBKDF2).
/// At most half the cores check passwords at once, and on Linux these threads run below normal CPU priority (nice 10), so
/// a flood of guesses takes the processor only when nobody else wants it: bids and other requests are scheduled first.
/// Checks wait in arrival order.
/// </summary>
internal static class HashingWorkers
{
    private static readonly BlockingCollection<Action> Checks = new();

    // Answers are handed over by a thread of normal priority: on Linux a thread inherits the nice value of the thread that
    // creates it, and completing a task may make the thread pool start a worker on the completing thread.
    private static readonly BlockingCollection<Action> Answers = new();

    static HashingWorkers()
    {
        Start("password-answers", Answers, lower: false);
        for (var i = 0; i < Math.Max(1, Environment.ProcessorCount / 2); i++) Start("password-check-" + i, Checks, lower: true);
    }

    /// <summary>Nice value of the hashing threads on Linux (0 is normal, 19 the lowest priority).</summary>
    public const int Niceness = 10;

    public static Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Checks.Add(() =>
        {
            if (ct.IsCancellationRequested)
            {
                Answers.Add(() => answer.TrySetCanceled(ct));
                return;
            }
            try
            {
                var result = work();
                Answers.Add(() => answer.TrySetResult(result));
            }
            catch (Exception e)
            {
                Answers.Add(() => answer.TrySetException(e));
            }
        }, CancellationToken.None);
        return answer.Task;
    }

    private static void Start(string name, BlockingCollection<Action> queue, bool lower) =>
        new Thread(() =>
        {
            if (lower) LowerPriority();
            foreach (var work in queue.GetConsumingEnumerable()) work();
        })
        { IsBackground = true, Name = name }.Start();

    /// <summary>The niceness of the calling thread on Linux (for tests); null elsewhere.</summary>
    public static int? CurrentNiceness()
    {
        if (!OperatingSystem.IsLinux()) return null;
        Marshal.SetLastPInvokeError(0);
        var nice = getpriority(0, gettid());
        return nice == -1 && Marshal.GetLastPInvokeError() != 0 ? null : nice;
    }

    // setpriority(PRIO_PROCESS, tid) sets one thread's nice value on Linux; raising it needs no privilege. Elsewhere .NET's
    // thread priority, where the platform honours it.
    private static void LowerPriority()
    {
        try
        {
            if (OperatingSystem.IsLinux()) _ = setpriority(0, gettid(), Niceness);
            else Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or PlatformNotSupportedException)
        {
            // The checks still run, at normal priority.
        }
    }

    // Plain DllImport: three int functions need no marshalling, and LibraryImport would need unsafe code in this project.
#pragma warning disable SYSLIB1054
    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, int who, int priority);

    [DllImport("libc", SetLastError = true)]
    private static extern int getpriority(int which, int who);

    [DllImport("libc")]
    private static extern int gettid();
#pragma warning restore SYSLIB1054
}
