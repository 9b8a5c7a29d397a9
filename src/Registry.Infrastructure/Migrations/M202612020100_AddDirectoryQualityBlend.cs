using System.Data;
using Dapper;
using FluentMigrator;
using Registry.Application.Common;
using Registry.Domain.Demands;
using Registry.Infrastructure.Database;

namespace Registry.Infrastructure.Migrations;

/// <summary>
/// The directory row keeps the enterprise's credibility-weighted quality (<see cref="QualityBlend.Unbarred"/>), so that
/// <c>sort=quality</c> orders by the blend the evaluation uses with one indexed column. Existing rows are filled from the
/// contracts as the quality record reads them; the projection keeps the column current from then on.
/// </summary>
[Migration(202612020100, "Enterprise directory: quality blend")]
public sealed class M202612020100_AddDirectoryQualityBlend : RegistryMigration
{
    public override void Up()
    {
        Alter.Table("enterprise_directory").AddColumn("quality_blend").AsDecimal(6, 4).NotNullable().WithDefaultValue(QualityBlend.Neutral);
        Execute.WithConnection(Backfill);
        Create.Index("ix_enterprise_directory_quality").OnTable("enterprise_directory")
            .OnColumn("quality_blend").Descending().OnColumn("legal_name").Ascending();
    }

    private static void Backfill(IDbConnection connection, IDbTransaction transaction)
    {
        var dialect = Dialects.Of(connection);
        var accepted = connection.Query<AcceptedRow>(AcceptedSql.For(dialect), transaction: transaction);
        foreach (var enterprise in accepted.GroupBy(r => r.EnterpriseId))
        {
            var rows = enterprise.ToList();
            // Rounded as the quality record rounds its mean accuracy and on-time rate.
            var record = new QualityHistory(rows.Count, Math.Round(rows.Average(r => r.AcceptedAccuracy), 4, MidpointRounding.AwayFromZero),
                Math.Round((decimal)rows.Count(r => r.OnTime == true) / rows.Count, 4, MidpointRounding.AwayFromZero));
            connection.Execute(UpdateSql.For(dialect), SqlParameters.Of(new { id = enterprise.Key, blend = QualityBlend.Unbarred(record) }), transaction);
        }
    }

    private sealed class AcceptedRow
    {
        public Guid EnterpriseId { get; init; }
        public decimal AcceptedAccuracy { get; init; }
        public bool? OnTime { get; init; }
    }

    private static readonly Sql AcceptedSql = new("""
        select enterprise_id, accepted_accuracy, on_time from contracts where status = 'completed' and accepted_accuracy is not null
        """);

    private static readonly Sql UpdateSql = new("update enterprise_directory set quality_blend = @blend where enterprise_id = @id");

    public override void Down()
    {
        Delete.Index("ix_enterprise_directory_quality").OnTable("enterprise_directory");
        Delete.Column("quality_blend").FromTable("enterprise_directory");
    }
}
