using FluentValidation;
using MediatR;

namespace Registry.Application.Common.Behaviors;

/// <summary>Runs every validator of the request; any failure becomes one 400 answer listing each field's errors.</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    // Many queries have no validator: no list, no context, no extra state machine for them.
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        validators is ICollection<IValidator<TRequest>> { Count: 0 } ? next() : ValidateThenAsync(request, next, cancellationToken);

    private async Task<TResponse> ValidateThenAsync(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0)
        {
            throw new ValidationFailed(failures
                .GroupBy(f => JsonName(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()));
        }
        return await next();
    }

    // Field names are reported as the client spells them in JSON: "Body.RegionCode" → "body.regionCode".
    private static string JsonName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
