using Registry.Application.Common;

namespace Registry.Application.Demands;

/// <summary>Reads of bidders' questions, with the answer their clarification published.</summary>
internal static class QuestionReads
{
    public sealed record Row
    {
        public Guid Id { get; init; }
        public Guid DemandId { get; init; }
        public Guid EnterpriseId { get; init; }
        public string EnterpriseName { get; init; } = "";
        public string Question { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset AskedAt { get; init; }
        public Guid? ClarificationId { get; init; }
        public string? Answer { get; init; }
        public DateTimeOffset? AnsweredAt { get; init; }

        public QuestionView View(bool namingAsker) => new()
        {
            Id = Id, DemandId = DemandId, Question = Question, Status = Status, AskedAt = AskedAt, ClarificationId = ClarificationId, Answer = Answer,
            AnsweredAt = AnsweredAt, EnterpriseId = namingAsker ? EnterpriseId : null, EnterpriseName = namingAsker ? EnterpriseName : null,
        };
    }

    private const string Select = """
        select q.id, q.demand_id, q.enterprise_id, o.name_zh as enterprise_name, q.question, q.status, q.asked_at, q.clarification_id,
            c.answer, q.answered_at
        from demand_questions q
        join organizations o on o.id = q.enterprise_id
        left join demand_clarifications c on c.id = q.clarification_id
        """;

    public static readonly Sql ByIdSql = new(Select + " where q.id = @id and q.demand_id = @demandId");

    public static readonly Sql OfDemandSql = new(Select + " where q.demand_id = @demandId order by q.asked_at, q.id");

    public static readonly Sql OfEnterpriseSql = new(Select + " where q.demand_id = @demandId and q.enterprise_id = @enterpriseId order by q.asked_at, q.id");
}
