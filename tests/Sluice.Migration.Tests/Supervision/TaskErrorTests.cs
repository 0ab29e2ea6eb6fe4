using Sluice.Migration.Supervision;

namespace Sluice.Migration.Tests.Supervision;

/// <summary>How an engine failure becomes the error in a task's status: DM's code, the MySQL number, the workaround.</summary>
public sealed class TaskErrorTests
{
    [Theory]
    [InlineData(1045, TaskUnit.Load, TaskError.DbDriverError)]
    [InlineData(2013, TaskUnit.Sync, TaskError.DbDriverError)]
    [InlineData(1146, TaskUnit.Sync, TaskError.DbExecuteFailed)]
    [InlineData(1044, TaskUnit.Load, TaskError.DbExecuteFailed)]
    [InlineData(1227, TaskUnit.Dump, TaskError.DbExecuteFailed)]
    public void A_server_error_number_gives_a_database_code(int number, TaskUnit unit, int code)
    {
        var error = TaskError.From(new MigrationException("refused", number), unit);

        Assert.Equal(code, error.Code);
        Assert.Equal(number, error.MySqlErrorCode);
        Assert.Equal("refused", error.Message);
        Assert.False(string.IsNullOrEmpty(error.Workaround));
    }

    [Fact]
    public void The_engines_own_workaround_is_kept()
    {
        var error = TaskError.From(new MigrationException("DDL refused", 1050, workaround: "skip it"), TaskUnit.Sync);

        Assert.Equal("skip it", error.Workaround);
    }

    [Fact]
    public void A_dump_failure_without_a_server_error_is_a_dump_unit_error_and_others_have_no_code()
    {
        Assert.Equal(TaskError.DumpUnitRuntime, TaskError.From(new MigrationException("table gone"), TaskUnit.Dump).Code);
        var sync = TaskError.From(new InvalidOperationException("bad state"), TaskUnit.Sync);
        Assert.Null(sync.Code);
        Assert.Null(sync.MySqlErrorCode);
        Assert.Null(sync.Workaround);
        Assert.Equal("bad state", sync.Message);
    }
}
