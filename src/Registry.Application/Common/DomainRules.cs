using FluentValidation;

namespace Registry.Application.Common;

/// <summary>
/// Validators ask the domain for a rule it already states instead of restating it, so each rule is written once and a
/// breach still answers 400 with the field and the domain's sentence.
/// </summary>
public static class DomainRules
{
    /// <summary>The value passes when the domain rule finds no problem; otherwise the field error is the rule's own message.</summary>
    public static IRuleBuilderOptions<T, TProperty> Satisfies<T, TProperty>(this IRuleBuilder<T, TProperty> rule, Func<TProperty, Domain.FieldProblem?> problem) =>
        rule.Must(value => problem(value) is null).WithMessage((_, value) => Texts.Of(problem(value)!));
}
