using MySqlConnector;
using Sluice.Migration.Sync;
using Sluice.Testing;

namespace Sluice.Migration.Tests.Sync;

public sealed class ApplyErrorsTests(MariaDbServers servers)
{
    [Fact]
    public async Task A_killed_connection_is_retryable_and_a_missing_table_is_not()
    {
        await using var victim = await servers.Target.OpenConnectionAsync();
        await using (var command = new MySqlCommand("SELECT CONNECTION_ID()", victim))
        {
            var id = Convert.ToInt64(await command.ExecuteScalarAsync());
            await servers.Target.ExecuteAsync($"KILL {id}");
        }

        var lost = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var command = new MySqlCommand("SELECT 1", victim);
            await command.ExecuteScalarAsync();
        });
        Assert.True(ApplyErrors.IsRetryable(lost), lost.ToString());

        await using var connection = await servers.Target.OpenConnectionAsync();
        var missing = await Assert.ThrowsAsync<MySqlException>(async () =>
        {
            await using var command = new MySqlCommand("SELECT * FROM no_such_schema_x.no_such_table", connection);
            await command.ExecuteScalarAsync();
        });
        Assert.False(ApplyErrors.IsRetryable(missing));
    }

    [Fact]
    public async Task A_deadlock_between_two_transactions_is_retryable()
    {
        await servers.Target.ExecuteAsync("DROP DATABASE IF EXISTS apply_errors; CREATE DATABASE apply_errors; CREATE TABLE apply_errors.t (id INT PRIMARY KEY, v INT); INSERT INTO apply_errors.t VALUES (1, 0), (2, 0)");
        await using var a = await servers.Target.OpenConnectionAsync();
        await using var b = await servers.Target.OpenConnectionAsync();
        await Run(a, "START TRANSACTION; UPDATE apply_errors.t SET v = 1 WHERE id = 1");
        await Run(b, "START TRANSACTION; UPDATE apply_errors.t SET v = 2 WHERE id = 2");
        var first = Run(a, "UPDATE apply_errors.t SET v = 1 WHERE id = 2");
        await Task.Delay(200);
        var error = await Record.ExceptionAsync(() => Run(b, "UPDATE apply_errors.t SET v = 2 WHERE id = 1"))
            ?? await Record.ExceptionAsync(() => first);
        Assert.NotNull(error);
        Assert.Equal(1213, ((MySqlException)error).Number);
        Assert.True(ApplyErrors.IsRetryable(error));
        await Record.ExceptionAsync(() => first);
    }

    [Fact]
    public void Io_failures_wrapped_in_other_exceptions_are_retryable()
    {
        Assert.True(ApplyErrors.IsRetryable(new InvalidOperationException("wrapper", new IOException("reset"))));
        Assert.False(ApplyErrors.IsRetryable(new InvalidOperationException("plain")));
    }

    [Theory]
    [InlineData(1142, "grant the target user")]
    [InlineData(1062, "safe-mode: true")]
    [InlineData(1146, "missing on the target")]
    [InlineData(1054, "columns differ")]
    [InlineData(1048, "alter the column")]
    [InlineData(1114, "out of space")]
    [InlineData(1105, "resumes from its checkpoint")]
    public void A_refused_change_comes_with_a_workaround_by_its_error_number(int number, string advice)
    {
        Assert.Contains(advice, ApplyErrors.Workaround(number), StringComparison.Ordinal);
    }

    private static async Task Run(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
