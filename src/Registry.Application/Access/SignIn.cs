using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Access;

/// <summary>
/// A person signs in with username and password. Failures slow further attempts for that username from that client's
/// network (<see cref="SignInThrottle"/>), for unknown usernames alike, so no answer tells whether a username exists.
/// Not a ledger command: each attempt goes to the <c>sign_in_attempts</c> log, in short transactions of its own, and the
/// password is checked outside any transaction, so guessing never holds up anybody's writes.
/// </summary>
[Public]
public sealed record SignIn(string Username, [property: Redacted] string Password, string? ClientAddress) : IRequest<SignInOutcome>;

public sealed class SignInValidator : AbstractValidator<SignIn>
{
    public SignInValidator()
    {
        RuleFor(x => x.Username).NotEmpty().PlainText(64);
        RuleFor(x => x.Password).NotEmpty().MaximumLength(128);
        RuleFor(x => x.ClientAddress).PlainText(64);
    }
}

internal sealed class SignInHandler(PasswordCheck check) : IRequestHandler<SignIn, SignInOutcome>
{
    public Task<SignInOutcome> Handle(SignIn c, CancellationToken ct) => check.SignInAsync(c.Username, c.Password, c.ClientAddress, ct);
}
