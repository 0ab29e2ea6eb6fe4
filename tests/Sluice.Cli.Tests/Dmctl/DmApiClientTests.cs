using Sluice.Cli.Dmctl;

namespace Sluice.Cli.Tests.Dmctl;

public sealed class DmApiClientTests
{
    [Fact]
    public void Dms_error_body_gives_the_code_and_message()
    {
        var error = DmApiClient.Error(400, "Bad Request", """{"error_msg": "task t does not exist", "error_code": 46018}""");
        Assert.Equal("error 46018: task t does not exist", error.ToErrorLine());
        Assert.Equal(46018, error.ErrorCode);
        Assert.Equal(400, error.StatusCode);
    }

    [Theory]
    [InlineData(502, "Bad Gateway", "", "error: HTTP 502 Bad Gateway")]
    [InlineData(404, "Not Found", "<html>nope</html>", "error: HTTP 404 Not Found: <html>nope</html>")]
    [InlineData(500, null, """{"message": "x"}""", """error: HTTP 500: {"message": "x"}""")]
    public void Another_answer_gives_the_status_and_the_start_of_the_body(int status, string? reason, string body, string expected) =>
        Assert.Equal(expected, DmApiClient.Error(status, reason, body).ToErrorLine());

    [Fact]
    public void The_throwaway_check_name_is_a_valid_task_name()
    {
        var name = CheckTaskCommand.ThrowawayName();
        Assert.Matches("^[a-z0-9-]+$", name);
        Assert.True(name.Length <= 43);
        Assert.NotEqual(name, CheckTaskCommand.ThrowawayName());
    }
}
