using FluentValidation;
using MediatR;
using Registry.Application.Access;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Users;

/// <summary>The operator creates a person's account with an initial password that must be changed at first sign-in.</summary>
[AllowedFor(Roles.Admin)]
public sealed record CreateUser(Guid OrganizationId, string Username, string DisplayName, [property: Redacted] string InitialPassword)
    : ICommand<UserView>;

public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(x => x.Username).NotEmpty().Length(3, 64).Matches(@"^[a-zA-Z0-9._@-]+\z")
            .WithMessage("'username' has 3 to 64 letters, digits or . _ @ -.");
        RuleFor(x => x.DisplayName).NotEmpty().Name(100);
        RuleFor(x => x.InitialPassword).Must(PasswordRule.IsAcceptable).WithMessage(PasswordRule.Message);
    }
}

internal sealed class CreateUserHandler(IWriteDb db, IOutbox outbox, IPasswordHasher hasher, TimeProvider clock)
    : IRequestHandler<CreateUser, UserView>
{
    public async Task<UserView> Handle(CreateUser c, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await db.ScalarAsync<int>(OrganizationExistsSql, new { c.OrganizationId }, ct) == 0)
            errors["organizationId"] = [$"No organization with id {c.OrganizationId}."];
        var username = c.Username.ToLowerInvariant();
        if (await db.ScalarAsync<int>(UsernameTakenSql, new { username }, ct) > 0)
            errors["username"] = [$"The username '{username}' is taken."];
        if (errors.Count > 0) throw new ValidationFailed(errors);

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(InsertSql, new
        {
            id, c.OrganizationId, username, c.DisplayName, passwordHash = hasher.Hash(c.InitialPassword), yes = true, no = false, now,
        }, ct);
        var view = (await db.QuerySingleOrDefaultAsync<UserView>(UserSql.ById, new { id }, ct))!;
        outbox.Publish(new OutboxEvent("user.created", "user", id.ToString(),
            new { view.Id, view.OrganizationId, view.Username, view.Role }));
        return view;
    }

    private static readonly Sql OrganizationExistsSql = new("select count(*) from organizations where id = @organizationId");

    private static readonly Sql UsernameTakenSql = new("select count(*) from users where username = @username");

    private static readonly Sql InsertSql = new("""
        insert into users (id, organization_id, username, display_name, password_hash, must_change_password, failed_attempts,
            locked_until, active, row_version, created_at, updated_at, last_sign_in_at)
        values (@id, @organizationId, @username, @displayName, @passwordHash, @yes, 0, null, @yes, 1, @now, @now, null)
        """);
}

/// <summary>The operator renames, deactivates or unlocks an account.</summary>
[AllowedFor(Roles.Admin)]
public sealed record UpdateUser(Guid Id, string DisplayName, bool Active, bool Unlock, long ExpectedVersion) : ICommand<UserView>;

public sealed class UpdateUserValidator : AbstractValidator<UpdateUser>
{
    public UpdateUserValidator()
    {
        RuleFor(x => x.DisplayName).NotEmpty().Name(100);
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).WithMessage("Send the version you read as If-Match.");
    }
}

internal sealed class UpdateUserHandler(IWriteDb db, IOutbox outbox, IIssuedTokens tokens, TimeProvider clock)
    : IRequestHandler<UpdateUser, UserView>
{
    public async Task<UserView> Handle(UpdateUser c, CancellationToken ct)
    {
        var current = await db.QuerySingleOrDefaultAsync<UserView>(UserSql.ById, new { c.Id }, ct) ?? throw new NotFound("user", c.Id);
        if (current.Version != c.ExpectedVersion)
            throw new PreconditionFailed($"The user is at version {current.Version}, not {c.ExpectedVersion}. Read it again.");
        await db.ExecuteAsync(c.Unlock ? UpdateAndUnlockSql : UpdateSql, new { c.Id, c.DisplayName, c.Active, now = clock.GetUtcNow() }, ct);
        if (current.Active && !c.Active) await AccessWithdrawal.UserAsync(db, tokens, c.Id, clock.GetUtcNow(), ct);
        if (c.Unlock) await db.ExecuteAsync(ClearThrottlesSql, new { c.Id }, ct);
        var view = (await db.QuerySingleOrDefaultAsync<UserView>(UserSql.ById, new { c.Id }, ct))!;
        outbox.Publish(new OutboxEvent("user.updated", "user", c.Id.ToString(), new { view.Id, view.Active }));
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

/// <summary>The operator lists accounts, optionally of one organization.</summary>
[AllowedFor(Roles.Admin)]
public sealed record ListUsers(Guid? OrganizationId, int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<Page<UserView>>, IPaged;

public sealed class ListUsersValidator : AbstractValidator<ListUsers>
{
    public ListUsersValidator() => this.RulesForPaging();
}

internal sealed class ListUsersHandler(IReadDb db) : IRequestHandler<ListUsers, Page<UserView>>
{
    public async Task<Page<UserView>> Handle(ListUsers q, CancellationToken ct)
    {
        var filter = new { q.OrganizationId, offset = (q.Page - 1) * q.PageSize, limit = q.PageSize };
        return await db.PageAsync<UserView>(CountSql, PageSql, filter, q, ct);
    }

    private static readonly Sql CountSql = new("select count(*) from users u where (@organizationId is null or u.organization_id = @organizationId)");

    private static readonly Sql PageSql = new(d => $"""
        {UserSql.Select} where (@organizationId is null or u.organization_id = @organizationId) order by u.username {d.Page}
        """);
}
