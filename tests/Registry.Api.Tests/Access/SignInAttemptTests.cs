using Dapper;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Hosting;
using Registry.Api.Tests.Catalog;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Access;
using Registry.Application.Common;

namespace Registry.Api.Tests.Access;

/// <summary>
/// Sign-in is not a ledger command: its attempts go to their own log, not to the hash-chained audit, and the password is
/// checked with no write transaction open, so anonymous guessing never holds up anybody's writes.
/// </summary>
public abstract class SignInAttemptTests(RegistryApi api)
{
    /// <summary>Lets the test hold a password check half-way and let it go.</summary>
    private sealed class HashGate
    {
        public const string HeldPassword = "held-at-the-hash";
        public TaskCompletionSource Checking { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The real hasher, except that checking <see cref="HashGate.HeldPassword"/> waits at the gate.</summary>
    private sealed class HeldHasher(HashGate gate, IPasswordHasher inner) : IPasswordHasher
    {
        public string Hash(string password) => inner.Hash(password);

        public async Task<bool> VerifyAsync(string hash, string password, CancellationToken ct)
        {
            if (password == HashGate.HeldPassword)
            {
                gate.Checking.TrySetResult();
                await gate.Release.Task;
            }
            return await inner.VerifyAsync(hash, password, ct);
        }
    }

    private static async Task<SignInOutcome> SignInAsync(WebApplicationFactory<Program> host, string username, string password, string address)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerScope>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SignIn(username, password, address));
    }

    private async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    [Fact]
    public async Task A_command_commits_while_a_sign_in_is_checking_its_password()
    {
        var gate = new HashGate();
        await using var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            var real = s.Last(d => d.ServiceType == typeof(IPasswordHasher)).ImplementationType!;
            s.AddScoped<IPasswordHasher>(p => new HeldHasher(gate, (IPasswordHasher)ActivatorUtilities.CreateInstance(p, real)));
        }));
        // Off the test's thread: on SQLite the whole sign-in runs synchronously up to the held hash.
        var held = Task.Run(() => SignInAsync(host, "shuyu", HashGate.HeldPassword, "192.0.2.41"));
        await Task.WhenAny(gate.Checking.Task, held);
        Assert.False(held.IsCompleted, "the sign-in should be checking its password");

        // Before, the sign-in held the ledger lock (and on SQLite the write transaction) through the hash: this write waited for it.
        var entry = CatalogArrange.DraftAsync(api, "cd.health", "口令校验期间的目录草稿");
        var first = await Task.WhenAny(entry, Task.Delay(TimeSpan.FromMinutes(2)));
        gate.Release.SetResult();
        Assert.Same(entry, first);
        await entry;

        Assert.Equal(SignInResult.InvalidCredentials, (await held).Result);
    }

    [Fact]
    public async Task Sign_in_attempts_go_to_their_own_log_and_never_to_the_audit_log()
    {
        var address = "198.51.100." + Random.Shared.Next(2, 250);
        var auditBefore = await ScalarAsync<long>("select count(*) from audit_log");

        Assert.Equal(SignInResult.InvalidCredentials, (await SignInAsync(api, "shuyu", "wrong-password", address)).Result);
        Assert.Equal(SignInResult.InvalidCredentials, (await SignInAsync(api, "nobody-by-this-name", "wrong-password", address)).Result);
        Assert.Equal(SignInResult.Succeeded, (await SignInAsync(api, "shuyu", DemoData.Password, address)).Result);

        var logged = await QueryAsync<(string Username, string Outcome, string ClientNetwork)>(
            "select username, outcome, client_network from sign_in_attempts where client_address = @address", new { address });
        Assert.Equal([("nobody-by-this-name", "invalid_credentials", address), ("shuyu", "invalid_credentials", address), ("shuyu", "succeeded", address)],
            logged.OrderBy(l => l.Username, StringComparer.Ordinal).ThenBy(l => l.Outcome, StringComparer.Ordinal).ToList());
        Assert.Equal(auditBefore, await ScalarAsync<long>("select count(*) from audit_log"));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from audit_log where action = 'SignIn'"));
    }

    [Fact]
    public async Task Sign_in_bookkeeping_commits_without_waiting_for_the_disk_where_the_engine_allows_it_and_commands_still_wait()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<WriteSession>();
        // SQLite's durability is set per connection: its bookkeeping commits as durably as a command.
        if (session.Dialect.Name == "Sqlite")
        {
            Assert.Null(session.Dialect.NoFlushWait);
            return;
        }

        var inBookkeeping = await session.InTransactionAsync(() => session.ScalarAsync<string>(new Sql("select current_setting('synchronous_commit')"), null, default), default);
        await session.BeginAsync(default);
        var inCommand = await session.ScalarAsync<string>(new Sql("select current_setting('synchronous_commit')"), null, default);
        await session.RollbackAsync();

        Assert.Equal(("off", "on"), (inBookkeeping, inCommand));
    }

    private async Task<IEnumerable<T>> QueryAsync<T>(string sql, object args)
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        return (await connection.QueryAsync<T>(sql, args)).ToList();
    }
}

public sealed class SignInAttemptTests_Sqlite(SqliteApi api) : SignInAttemptTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class SignInAttemptTests_PostgreSql(PostgreSqlApi api) : SignInAttemptTests(api), IClassFixture<PostgreSqlApi>;
