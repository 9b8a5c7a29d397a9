using FluentValidation;
using Registry.Domain.Regions;

namespace Registry.Application.Common;

/// <summary>
/// The one check that a region a request names exists, against the shipped GB/T 2260 list (<see cref="RegionDirectory"/>, a
/// singleton): every request field naming a region uses one of these rules, so the answer and its message are the same everywhere.
/// </summary>
public static class RegionRules
{
#nullable disable annotations // FluentValidation's builders are nullability-oblivious: these rules apply to string and string? alike
    /// <summary>A known region, the whole country (000000) included.</summary>
    public static IRuleBuilderOptions<T, string> KnownRegion<T>(this IRuleBuilder<T, string> rule, RegionDirectory regions) =>
        rule.Must(code => regions.Problem(code) is null).WithMessage((_, code) => ProblemOf(regions, code));

    /// <summary>A known province or city: where an enterprise, a base or a demand is.</summary>
    public static IRuleBuilderOptions<T, string> KnownProvinceOrCity<T>(this IRuleBuilder<T, string> rule, RegionDirectory regions) =>
        rule.Must(code => regions.ProvinceOrCityProblem(code) is null).WithMessage((_, code) => ProvinceOrCityProblemOf(regions, code));

    /// <summary>
    /// A well-formed code, in the directory's words; for requests whose handler then reports an unknown region together with the
    /// other field errors only the database can find (<see cref="RegionDirectory.Problem"/> again, so with the same message).
    /// </summary>
    public static IRuleBuilderOptions<T, string> WellFormedRegion<T>(this IRuleBuilder<T, string> rule, RegionDirectory regions) =>
        rule.Must(RegionCode.IsWellFormed).WithMessage((_, code) => ProblemOf(regions, code));
#nullable restore annotations

    /// <summary>The directory's <see cref="RegionDirectory.Problem"/> in the request's language.</summary>
    public static string? ProblemOf(RegionDirectory regions, string? code) => InLanguage(regions.Problem(code), code);

    /// <summary>The directory's <see cref="RegionDirectory.ProvinceOrCityProblem"/> in the request's language.</summary>
    public static string? ProvinceOrCityProblemOf(RegionDirectory regions, string? code) => InLanguage(regions.ProvinceOrCityProblem(code), code);

    private static string? InLanguage(string? problem, string? code) =>
        problem is null || !Texts.IsChinese ? problem
        : code == RegionCode.National ? Texts.Format("validation.region_national", code)
        : !RegionCode.IsWellFormed(code) ? Texts.Format("validation.region_malformed", code)
        : Texts.Format("validation.region_unknown", code);
}
