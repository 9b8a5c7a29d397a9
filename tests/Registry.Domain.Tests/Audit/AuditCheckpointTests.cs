using Registry.Domain.Audit;

namespace Registry.Domain.Tests.Audit;

public sealed class AuditCheckpointTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 18, 0, 0, TimeSpan.Zero);
    private static readonly CheckpointSchedule Schedule = new(1000, TimeSpan.FromMinutes(10));

    [Fact]
    public void The_signed_text_names_the_sequence_hash_time_and_key()
    {
        var checkpoint = new AuditCheckpoint(42, new string('a', 64), T0.AddTicks(10), "k1");

        Assert.Equal($"registry-audit-checkpoint/1\n42\n{new string('a', 64)}\n2026-12-01T18:00:00.0000010Z\nk1", checkpoint.SignedText);
    }

    [Theory]
    [InlineData(0, null, 0, false)]          // nothing recorded
    [InlineData(1, null, 0, true)]           // the first checkpoint
    [InlineData(999, 0, 9, false)]           // neither enough records nor time
    [InlineData(1000, 0, 1, true)]           // enough records
    [InlineData(1, 0, 10, true)]             // enough time, something new
    [InlineData(0, 0, 600, false)]           // an idle log is not signed again
    public void A_checkpoint_is_due_after_enough_records_or_time_with_something_new(long newRecords, int? signedMinutesAgo, int minutesLater, bool due)
    {
        DateTimeOffset? lastSignedAt = signedMinutesAgo is { } ago ? T0.AddMinutes(-ago) : null;
        Assert.Equal(due, Schedule.IsDue(newRecords, lastSignedAt, T0.AddMinutes(minutesLater)));
    }
}
