using FluentValidation;
using MediatR;
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
            .WithMessage(_ => Texts.Get("validation.username"));
        RuleFor(x => x.DisplayName).NotEmpty().Name(100);
        RuleFor(x => x.InitialPassword).Must(PasswordRule.IsAcceptable).WithMessage(_ => Texts.Get("validation.password"));
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
        var view = (await db.QuerySingleOrDefaultAsync<UserView>(UserReads.ById, new { id }, ct))!;
        outbox.Publish(new UserCreated(view.Id, view.OrganizationId, view.Username, view.Role));
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
