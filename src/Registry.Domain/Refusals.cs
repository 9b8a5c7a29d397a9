namespace Registry.Domain;

// The registry's one type per HTTP meaning for refusals the rules decide: the domain throws them, so the application
// layer (which the domain cannot see) throws the same ones instead of keeping look-alikes of its own.

/// <summary>
/// A business rule refuses the request (the API answers 422 with the rule's code as problem type). The message is English; the
/// arguments are the values it names, so the API can say the same in Chinese from its resources (keyed by code, or by variant).
/// </summary>
public sealed class BusinessRuleException(string code, string message, params object?[] arguments) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The values the message names, in the order the translations place them.</summary>
    public IReadOnlyList<object?> Arguments { get; } = arguments;

    /// <summary>Which of a code's messages this is, when one code is refused with different wordings.</summary>
    public string? Variant { get; init; }
}

/// <summary>The request conflicts with the current state of what it acts on (the API answers 409 naming the state).</summary>
public sealed class InvalidTransitionException(string entity, string current, string attempted)
    : Exception($"The {entity} is {current}; it cannot be {attempted}.")
{
    public string Entity { get; } = entity;
    public string Current { get; } = current;
    public string Attempted { get; } = attempted;
}

/// <summary>
/// What is wrong with one value a request gives, as a rule states it: the English sentence, and a stable code with the values it
/// names (invariant text), so the API can say the same in Chinese from its resources as it does for <see cref="BusinessRuleException"/>.
/// </summary>
public sealed record FieldProblem(string Code, string Message, params string[] Arguments)
{
    /// <summary>The English sentence, where a rule's problem is read as text (logs, configuration errors, tests).</summary>
    public static implicit operator string?(FieldProblem? problem) => problem?.Message;

    public override string ToString() => Message;

    public bool Equals(FieldProblem? other) =>
        other is not null && Code == other.Code && Message == other.Message && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Code, Message);
}
