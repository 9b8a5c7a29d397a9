using FluentValidation;
using MediatR;
using Registry.Application.Access;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Users;

/// <summary>The operator renames, deactivates or unlocks an account.</summary>
[AllowedFor(Roles.Admin)]
public sealed record UpdateUser(Guid Id, string DisplayName, bool Active, bool Unlock, long ExpectedVersion) : ICommand<UserView>;

public sealed class UpdateUserValidator : AbstractValidator<UpdateUser>
{
    public UpdateUserValidator()
    {
        RuleFor(x => x.DisplayName).NotEmpty().Name(100);
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class UpdateUserHandler(IWriteDb db, IOutbox outbox, AccessWithdrawal withdrawal, TimeProvider clock)
    : IRequestHandler<UpdateUser, UserView>
{
    public async Task<UserView> Handle(UpdateUser c, CancellationToken ct)
    {
        var current = await db.QuerySingleOrDefaultAsync<UserView>(UserReads.ById, new { c.Id }, ct) ?? throw new NotFound("user", c.Id);
        PreconditionFailed.ThrowIfStale("user", current.Version, c.ExpectedVersion);
        await db.ExecuteAsync(c.Unlock ? UpdateAndUnlockSql : UpdateSql, new { c.Id, c.DisplayName, c.Active, now = clock.GetUtcNow() }, ct);
        if (current.Active && !c.Active) await withdrawal.UserAsync(c.Id, clock.GetUtcNow(), ct);
        if (c.Unlock) await db.ExecuteAsync(ClearThrottlesSql, new { c.Id }, ct);
        var view = (await db.QuerySingleOrDefaultAsync<UserView>(UserReads.ById, new { c.Id }, ct))!;
        outbox.Publish(new UserUpdated(view.Id, view.Active));
        return view;
    }

    private static readonly Sql UpdateSql = new("""
        update users set display_name = @displayName, active = @active, row_version = row_version + 1, updated_at = @now where id = @id
        """);

    private static readonly Sql UpdateAndUnlockSql = new("""
        update users set display_name = @displayName, active = @active, failed_attempts = 0, locked_until = null,
            row_version = row_version + 1, updated_at = @now
        where id = @id
        """);

    // Unlocking ends the sign-in waits of this username from every network.
    private static readonly Sql ClearThrottlesSql = new("delete from sign_in_throttles where username = (select username from users where id = @id)");
}
