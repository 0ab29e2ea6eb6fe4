using Sluice.ChangeFeed.Dispatching;

namespace Sluice.ChangeFeed.Tests.Dispatching;

/// <summary>The topic expression forms of https://docs.pingcap.com/tidb/stable/ticdc-sink-to-kafka ("Topic dispatchers").</summary>
public sealed class TopicExpressionTests
{
    [Theory]
    [InlineData("hard_code_topic_name", "test1", "table1", "hard_code_topic_name")]
    [InlineData("hello_{schema}_{table}", "test1", "table1", "hello_test1_table1")]
    [InlineData("hello_{schema}_world", "test3", "anything", "hello_test3_world")]
    [InlineData("{schema}_{table}", "test", "account", "test_account")]
    [InlineData("{schema}", "db", "t", "db")]
    [InlineData("p.{schema}-{table}.s", "db", "t", "p.db-t.s")]
    [InlineData("{schema}_{table}", "sch ema", "tä/ble", "sch_ema_t__ble")]
    public void Expressions_substitute_schema_and_table(string expression, string schema, string table, string topic)
    {
        Assert.Equal(topic, TopicExpression.Parse(expression).Substitute(schema, table));
    }

    [Theory]
    [InlineData("{table}")]
    [InlineData("{table}_{schema}")]
    [InlineData("{Schema}")]
    [InlineData("{TABLE}_x")]
    [InlineData("{schema}{schema}")]
    [InlineData("a b")]
    [InlineData("x/{schema}")]
    [InlineData("{db}")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    public void Other_forms_are_refused(string expression)
    {
        var error = Assert.Throws<ChangefeedException>(() => TopicExpression.Parse(expression));

        Assert.Equal("CDC:ErrKafkaInvalidTopicExpression", error.Code);
    }

    [Theory]
    [InlineData("{schema}_{table}", true)]
    [InlineData("tidb_{schema}.{table}_x", true)]
    [InlineData("{schema}", false)]
    [InlineData("hard_coded", false)]
    public void Avro_needs_schema_and_table(string expression, bool valid)
    {
        if (valid)
            Assert.NotNull(TopicExpression.Parse(expression, "avro"));
        else
            Assert.Throws<ChangefeedException>(() => TopicExpression.Parse(expression, "avro"));
    }

    [Fact]
    public void Substituted_names_are_cut_to_249_characters()
    {
        var topic = TopicExpression.Parse("{schema}_{table}").Substitute(new string('s', 200), new string('t', 200));

        Assert.Equal(249, topic.Length);
        Assert.Equal(new string('s', 200) + "_" + new string('t', 48), topic);
    }
}
