using FluentValidation;

namespace Registry.Application.Common;

/// <summary>Every change of a versioned item carries the version the caller read (its If-Match header).</summary>
public static class VersionRules
{
    public static IRuleBuilderOptions<T, long> IfMatchVersion<T>(this IRuleBuilder<T, long> rule) =>
        rule.GreaterThan(0).WithMessage(_ => Texts.Get("validation.if_match"));
}
