using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Access;

/// <summary>A person replaces a password (required after an initial one), proving the current one.</summary>
[Public]
public sealed record ChangePassword(string Username, [property: Redacted] string CurrentPassword, [property: Redacted] string NewPassword,
    string? ClientAddress) : ICommand<SignInOutcome>;

public sealed class ChangePasswordValidator : AbstractValidator<ChangePassword>
{
    public ChangePasswordValidator()
    {
        RuleFor(x => x.Username).NotEmpty().PlainText(64);
        RuleFor(x => x.CurrentPassword).NotEmpty().MaximumLength(128);
        RuleFor(x => x.NewPassword).Must(PasswordRule.IsAcceptable).WithMessage(_ => Texts.Get("validation.password"));
        RuleFor(x => x.NewPassword).NotEqual(x => x.CurrentPassword).WithMessage(_ => Texts.Get("validation.password_unchanged"));
        RuleFor(x => x.ClientAddress).PlainText(64);
    }
}

internal sealed class ChangePasswordHandler(PasswordCheck check, IWriteDb db, IPasswordHasher hasher, TimeProvider clock)
    : IRequestHandler<ChangePassword, SignInOutcome>
{
    public async Task<SignInOutcome> Handle(ChangePassword c, CancellationToken ct)
    {
        var outcome = await check.SignInAsync(c.Username, c.CurrentPassword, c.ClientAddress, ct);
        if (outcome.Result != SignInResult.Succeeded) return outcome;
        await db.ExecuteAsync(ChangeSql, new { id = outcome.UserId, hash = hasher.Hash(c.NewPassword), no = false, now = clock.GetUtcNow() }, ct);
        return outcome with { MustChangePassword = false };
    }

    private static readonly Sql ChangeSql = new("""
        update users set password_hash = @hash, must_change_password = @no, row_version = row_version + 1, updated_at = @now where id = @id
        """);
}
