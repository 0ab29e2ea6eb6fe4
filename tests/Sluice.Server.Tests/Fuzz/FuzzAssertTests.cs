using System.Net;
using System.Text;

namespace Sluice.Server.Tests.Fuzz;

/// <summary>The fuzz checks themselves catch what they are meant to catch.</summary>
public sealed class FuzzAssertTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(500, "{\"error_msg\": \"boom\", \"error_code\": 49001}")]
    [InlineData(400, "{\"error_msg\": \"bad\", \"error_code\": 49001, \"detail\": 1}")]
    [InlineData(400, "{\"error_msg\": \"\", \"error_code\": 49001}")]
    [InlineData(400, "{\"error_msg\": \"bad\", \"error_code\": \"49001\"}")]
    [InlineData(400, "{\"title\": \"Bad Request\", \"status\": 400}")]
    [InlineData(400, "bad request")]
    [InlineData(200, "{}")]
    public async Task A_wrong_answer_is_found(int status, string body)
    {
        var found = new FuzzAssert();
        using var response = Answer(status, body);
        await found.ClientErrorAsync(response, "request", Ct);
        Assert.ThrowsAny<Exception>(found.AssertNone);
    }

    [Fact]
    public async Task Dm_error_shape_and_a_tolerated_success_pass()
    {
        var found = new FuzzAssert();
        using (var response = Answer(400, "{\"error_msg\": \"bad\", \"error_code\": 49001}"))
            await found.ClientErrorAsync(response, "request", Ct);
        using (var response = Answer(201, "{}"))
            await found.NoServerErrorAsync(response, "request", Ct);
        found.AssertNone();
        Assert.Equal(2, found.Requests);
    }

    private static HttpResponseMessage Answer(int status, string body) =>
        new((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
