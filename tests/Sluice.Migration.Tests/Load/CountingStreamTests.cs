using Sluice.Migration.Load;

namespace Sluice.Migration.Tests.Load;

public sealed class CountingStreamTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("a\tb\n", 1)]
    [InlineData("a\\nb\nc\n", 2)]
    [InlineData("a\nb", 2)]
    public async Task Rows_are_counted_by_their_newlines(string content, long rows)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(content);
        await using var stream = new CountingStream(new MemoryStream(bytes));
        var buffer = new byte[2];
        while (await stream.ReadAsync(buffer, TestContext.Current.CancellationToken) > 0)
        {
        }

        Assert.Equal(rows, stream.Rows);
        Assert.Equal(bytes.Length, stream.BytesRead);
    }
}
