using Sluice.MySql.Replication;

namespace Sluice.MySql.Tests.Replication;

public sealed class SqlLiteralTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("", "''")]
    [InlineData("it's", "'it''s'")]
    [InlineData("back\\slash", "'back\\\\slash'")]
    [InlineData("nul\0byte", "'nul\\0byte'")]
    [InlineData("line\nbreak\r", "'line\\nbreak\\r'")]
    [InlineData("quote\"d", "'quote\\\"d'")]
    [InlineData("ctrl\x1aZ", "'ctrl\\ZZ'")]
    [InlineData("ünï🚀", "'ünï🚀'")]
    public void Quote_escapes_what_would_end_or_change_the_literal(string value, string expected) =>
        Assert.Equal(expected, SqlLiteral.Quote(value));
}
