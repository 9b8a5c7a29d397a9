using FluentValidation;
using Registry.Domain.Enterprises;
using Registry.Application.Common;

namespace Registry.Application.Enterprises;

/// <summary>The field rule granting and withdrawing share: a designation is one of the reference list's codes.</summary>
internal static class DesignationRules
{
    public static IRuleBuilderOptions<T, string> KnownDesignation<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(Designations.IsKnown).WithMessage(_ => Texts.Format("validation.one_of", "designation", string.Join(", ", Designations.All.Select(d => d.Code))));
}
