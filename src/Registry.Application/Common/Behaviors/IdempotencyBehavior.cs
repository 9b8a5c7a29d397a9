using System.Text.Json;
using MediatR;
using Registry.Domain;
using Registry.Domain.Audit;

namespace Registry.Application.Common.Behaviors;

/// <summary>
/// Answers a command retried with the same <c>Idempotency-Key</c> from its first result and changes nothing.
/// Runs inside the command's transaction and claims the key before the handler works: a concurrent retry's claim waits on
/// the key's unique index until the first attempt ends, loses the race (the transaction runs it again) and then answers
/// from the stored record; if the first attempt failed, its claim is gone and the retry runs.
/// </summary>
public sealed class IdempotencyBehavior<TRequest, TResponse>(IWriteDb db, CommandJournal journal, ICaller caller, TimeProvider clock)
    : IPipelineBehavior<TRequest, TResponse> where TRequest : ICommand
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (string.IsNullOrEmpty(caller.IdempotencyKey)) return await next();

        var key = new { key = KeyOf(request, caller.IdempotencyKey), caller = caller.Subject };
        var requestHash = Ledger.RequestHash(request);
        var stored = await db.QuerySingleOrDefaultAsync<StoredResponse>(FindSql, key, cancellationToken);
        if (stored is not null)
        {
            if (stored.RequestHash != requestHash)
            {
                throw new BusinessRuleException("idempotency_key_reused",
                    "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
            }
            journal.Replayed = true;
            return JsonSerializer.Deserialize<TResponse>(stored.Response, Ledger.Json)!;
        }

        // The claim is written in this transaction: nobody sees it before the commit, which also stores the answer.
        await db.ExecuteAsync(ClaimSql, new
        {
            key.key,
            key.caller,
            requestHash,
            requestType = typeof(TRequest).Name,
            createdAt = clock.GetUtcNow(),
        }, cancellationToken);
        var response = await next();
        await db.ExecuteAsync(AnswerSql, new { key.key, key.caller, response = JsonSerializer.Serialize(response, Ledger.Redacting) },
            cancellationToken);
        return response;
    }

    // A step of a stepped command keeps its own record under the caller's key; hashed, so that any key of up to 200 characters fits.
    private static string KeyOf(TRequest request, string key) =>
        request is ICommandStep step ? "step:" + AuditChain.Sha256Hex(key)[..32] + ":" + step.Step : key;

    private sealed record StoredResponse(string RequestHash, string Response);

    private static readonly Sql FindSql = new("""
        select request_hash, response from idempotency_keys where idempotency_key = @key and caller = @caller
        """);

    private static readonly Sql ClaimSql = new("""
        insert into idempotency_keys (idempotency_key, caller, request_hash, request_type, response, created_at)
        values (@key, @caller, @requestHash, @requestType, '', @createdAt)
        """);

    private static readonly Sql AnswerSql = new("""
        update idempotency_keys set response = @response where idempotency_key = @key and caller = @caller
        """);
}
