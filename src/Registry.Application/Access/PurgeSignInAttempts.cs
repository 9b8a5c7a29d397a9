using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Access;

/// <summary>
/// Deletes the sign-in attempts older than the retention period, a thousand per short transaction so that no writer waits
/// behind it. Like the attempts themselves, not a ledger command. Answers how many were deleted.
/// </summary>
[AllowedFor(Roles.Admin)]
public sealed record PurgeSignInAttempts(int RetentionDays) : IRequest<int>;

public sealed class PurgeSignInAttemptsValidator : AbstractValidator<PurgeSignInAttempts>
{
    public PurgeSignInAttemptsValidator() => RuleFor(x => x.RetentionDays).InclusiveBetween(1, 3650);
}

internal sealed class PurgeSignInAttemptsHandler(IWriteDb db, WriteSession session, TimeProvider clock) : IRequestHandler<PurgeSignInAttempts, int>
{
    private const int Batch = 1000;

    public async Task<int> Handle(PurgeSignInAttempts c, CancellationToken ct)
    {
        var before = clock.GetUtcNow().AddDays(-c.RetentionDays);
        var total = 0;
        while (true)
        {
            var deleted = await session.InTransactionAsync(() => db.ExecuteAsync(PurgeSql, new { before, offset = 0, limit = Batch }, ct), ct);
            total += deleted;
            if (deleted < Batch) return total;
        }
    }

    private static readonly Sql PurgeSql = new(d => $"""
        delete from sign_in_attempts where id in (
            select id from sign_in_attempts where attempted_at < @before order by attempted_at {d.Page})
        """);
}
