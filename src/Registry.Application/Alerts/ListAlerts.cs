using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Alerts;
using Registry.Domain.Regions;
using Registry.Domain.Time;

namespace Registry.Application.Alerts;

/// <summary>
/// Regulators list the alerts of their jurisdiction (admins: all), newest first, filtered by rule, status, severity, region
/// (and everything within it) and the China-time dates they were raised on, both included.
/// </summary>
[AllowedFor(Roles.Regulator, Roles.Admin)]
public sealed record ListAlerts(string? Type, string? Status = null, string? Severity = null, string? Region = null, DateOnly? From = null,
    DateOnly? To = null, int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<Page<AlertView>>, IPaged;

public sealed class ListAlertsValidator : AbstractValidator<ListAlerts>
{
    public ListAlertsValidator(RegionDirectory regions)
    {
        this.RulesForPaging();
        RuleFor(x => x.Type).Must(AlertTypes.IsKnown).When(x => x.Type is not null)
            .WithMessage(_ => Texts.Format("validation.must_be_one_of", "type", string.Join(", ", AlertTypes.All)));
        RuleFor(x => x.Status).Must(s => AlertStatus.All.Contains(s)).When(x => x.Status is not null)
            .WithMessage(_ => Texts.Format("validation.must_be_one_of", "status", string.Join(", ", AlertStatus.All)));
        RuleFor(x => x.Severity).Must(s => AlertSeverity.All.Contains(s)).When(x => x.Severity is not null)
            .WithMessage(_ => Texts.Format("validation.must_be_one_of", "severity", string.Join(", ", AlertSeverity.All)));
        RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
            .WithMessage(_ => Texts.Get("validation.to_before_from"));
    }
}

internal sealed class ListAlertsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListAlerts, Page<AlertView>>
{
    public async Task<Page<AlertView>> Handle(ListAlerts q, CancellationToken ct)
    {
        var filter = new
        {
            q.Type, q.Status, q.Severity, scope = caller.ListScope().Intersect(RegionScope.Filter(q.Region)),
            raisedFrom = q.From is { } from ? StartOf(from) : (DateTimeOffset?)null,
            raisedBefore = q.To is { } to ? StartOf(to.AddDays(1)) : (DateTimeOffset?)null,
            offset = (q.Page - 1) * q.PageSize, limit = q.PageSize,
        };
        return await AlertReads.PageAsync(db, CountSql, PageSql, filter, q, ct);
    }

    // A date is a day in China: it starts at 00:00 UTC+8.
    private static DateTimeOffset StartOf(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();

    private static readonly string Where = $"""
        where (@type is null or a.type = @type)
          and (@status is null or a.status = @status)
          and (@severity is null or a.severity = @severity)
          and (@raisedFrom is null or a.raised_at >= @raisedFrom)
          and (@raisedBefore is null or a.raised_at < @raisedBefore)
          and {RegionScope.Sql("a.region_code")}
        """;

    private static readonly Sql CountSql = new($"select count(*) from alerts a {Where}");

    private static readonly Sql PageSql = new(d => $"{AlertReads.Select} {Where} order by a.raised_at desc, a.id {d.Page}");
}
