using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json.Nodes;
using Avro;
using Avro.Generic;
using Avro.IO;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Codecs.Avro;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Tests.Codecs.Avro;

public sealed class AvroEncoderTests : IAsyncLifetime
{
    private SchemaRegistryServer _registry = null!;
    private HttpClient _http = null!;
    private ConfluentSchemaRegistry _client = null!;

    public async ValueTask InitializeAsync()
    {
        _registry = await SchemaRegistryServer.StartAsync();
        _http = _registry.Client;
        _client = new ConfluentSchemaRegistry(_http);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _http.Dispose();
        await _registry.DisposeAsync();
    }

    private AvroEncoder Encoder(EncoderOptions? options = null) =>
        new(options ?? new EncoderOptions(), table => $"tidb_{table.Schema}_{table.Name}", _client);

    [Fact]
    public async Task Key_is_the_Confluent_wire_format_of_the_handle_key()
    {
        var message = await Encoder().EncodeRowAsync(CodecEvents.Insert, TestContext.Current.CancellationToken);

        // Magic byte 0, schema id 1 (the first schema the registry saw) big-endian, then the datum: int 1 zigzag-encoded as 0x02.
        Assert.Equal(new byte[] { 0, 0, 0, 0, 1, 2 }, message.Key);
        Assert.Equal(CodecEvents.CommitTs, message.CommitTs);
        Assert.Equal(("test", "user"), (message.Schema, message.Table));
    }

    [Fact]
    public async Task Schemas_are_registered_under_the_topics_key_and_value_subjects()
    {
        var encoder = new AvroEncoder(new EncoderOptions { EnableTidbExtension = true }, _ => "tidb.test.user", _client);

        await encoder.EncodeRowAsync(CodecEvents.Insert, TestContext.Current.CancellationToken);

        var registrations = _registry.Registrations.ToList();
        Assert.Equal(["tidb_test_user-key", "tidb_test_user-value"], registrations.Select(r => r.Subject));
        Golden.AssertJson("avro/user.key-schema.json", JsonNode.Parse(registrations[0].Schema));
        Golden.AssertJson("avro/user.value-schema.json", JsonNode.Parse(registrations[1].Schema));
    }

    [Fact]
    public async Task Insert_value_decodes_back_with_the_TiDB_extension_fields()
    {
        var message = await Encoder(new EncoderOptions { EnableTidbExtension = true }).EncodeRowAsync(CodecEvents.Insert, TestContext.Current.CancellationToken);

        var value = Decode(message.Value);
        Assert.Equal(1, value["id"]);
        Assert.Equal("John Doe", value["name"]);
        Assert.Equal(25, value["age"]);
        Assert.Equal(90.5, value["score"]);
        Assert.Equal("c", value["_tidb_op"]);
        Assert.Equal((long)CodecEvents.CommitTs.Value, value["_tidb_commit_ts"]);
        Assert.Equal(1_708_923_662_983L, value["_tidb_commit_physical_time"]);
    }

    [Fact]
    public async Task Update_value_is_the_new_row_marked_u()
    {
        var message = await Encoder(new EncoderOptions { EnableTidbExtension = true }).EncodeRowAsync(CodecEvents.Update, TestContext.Current.CancellationToken);

        var value = Decode(message.Value);
        Assert.Equal(95.0, value["score"]);
        Assert.Equal("u", value["_tidb_op"]);
        Assert.Equal(1, Decode(message.Key!)["id"]);
    }

    [Fact]
    public async Task Without_the_extension_the_value_has_only_the_columns()
    {
        var message = await Encoder().EncodeRowAsync(CodecEvents.Insert, TestContext.Current.CancellationToken);

        var value = Decode(message.Value);
        Assert.Equal(4, value.Schema.Fields.Count);
        Assert.False(value.TryGetValue("_tidb_op", out _));
    }

    [Fact]
    public async Task Delete_is_a_key_with_an_empty_value()
    {
        var message = await Encoder(new EncoderOptions { EnableTidbExtension = true }).EncodeRowAsync(CodecEvents.Delete, TestContext.Current.CancellationToken);

        Assert.Empty(message.Value);
        Assert.Equal(1, Decode(message.Key!)["id"]);
        Assert.Equal(["tidb_test_user-key"], _registry.Registrations.Select(r => r.Subject));
    }

    [Fact]
    public async Task Every_column_type_decodes_back_to_its_value()
    {
        var message = await Encoder().EncodeRowAsync(CodecEvents.AllTypesInsert, TestContext.Current.CancellationToken);

        Golden.AssertJson("avro/all-types.value-schema.json", JsonNode.Parse(_registry.Registrations.Last().Schema));
        var value = Decode(message.Value);
        Assert.Equal(7, value["id"]);
        Assert.Equal(-8, value["c_tinyint"]);
        Assert.Equal(65535, value["c_smallint_u"]);
        Assert.Equal(-8388608, value["c_mediumint"]);
        Assert.Equal(4294967295L, value["c_int_u"]);
        Assert.Equal(long.MinValue, value["c_bigint"]);
        Assert.Equal(-1L, value["c_bigint_u"]);
        Assert.Equal(1.5, value["c_float"]);
        Assert.Equal(2.25, value["c_double"]);
        var decimalValue = Assert.IsType<AvroDecimal>(value["c_decimal"]);
        Assert.Equal(new BigInteger(-1_234_500), decimalValue.UnscaledValue);
        Assert.Equal(4, decimalValue.Scale);
        Assert.Equal("ab", value["c_char"]);
        Assert.Equal("héllo", value["c_varchar"]);
        Assert.Equal("long text", value["c_text"]);
        Assert.Equal(new byte[] { 1, 2, 3 }, value["c_binary"]);
        Assert.Equal(new byte[] { 0xff, 0x00 }, value["c_varbinary"]);
        Assert.Equal("blob"u8.ToArray(), value["c_blob"]);
        Assert.Equal("2024-01-15", value["c_date"]);
        Assert.Equal("2024-01-15 10:00:00.123", value["c_datetime"]);
        Assert.Equal("2024-01-15 10:00:00.123456", value["c_datetime6"]);
        Assert.Equal("2024-01-15 10:00:00.500", value["c_timestamp"]);
        Assert.Equal("-01:02:03", value["c_time"]);
        Assert.Equal(2024, value["c_year"]);
        Assert.Equal(new byte[] { 1 }, value["c_bit1"]);
        Assert.Equal(new byte[] { 0x02, 0x05 }, value["c_bit10"]);
        Assert.Equal("medium", value["c_enum"]);
        Assert.Equal("x,z", value["c_set"]);
        Assert.Equal("{\"k\": [1, 2]}", value["c_json"]);
        Assert.Null(value["c_null"]);
    }

    [Fact]
    public async Task Decimal_and_bigint_unsigned_can_be_strings()
    {
        var options = new EncoderOptions { AvroDecimalHandlingMode = "string", AvroBigintUnsignedHandlingMode = "string" };

        var message = await Encoder(options).EncodeRowAsync(CodecEvents.AllTypesInsert, TestContext.Current.CancellationToken);

        var value = Decode(message.Value);
        Assert.Equal("-123.4500", value["c_decimal"]);
        Assert.Equal("18446744073709551615", value["c_bigint_u"]);
        var fields = JsonNode.Parse(_registry.Registrations.Last().Schema)!["fields"]!.AsArray();
        Golden.AssertJson(
            JsonNode.Parse("""["null", {"type": "string", "connect.parameters": {"tidb_type": "DECIMAL"}}]"""),
            fields.Single(f => (string?)f!["name"] == "c_decimal")!["type"],
            "string decimal");
    }

    [Fact]
    public async Task Each_table_version_is_registered_once()
    {
        var encoder = Encoder();

        await encoder.EncodeRowAsync(CodecEvents.Insert, TestContext.Current.CancellationToken);
        await encoder.EncodeRowAsync(CodecEvents.Update, TestContext.Current.CancellationToken);
        await encoder.EncodeRowAsync(CodecEvents.Delete, TestContext.Current.CancellationToken);

        Assert.Equal(2, _registry.Registrations.Count);
    }

    [Fact]
    public async Task DDL_and_watermarks_are_not_carried()
    {
        var encoder = Encoder(new EncoderOptions { EnableTidbExtension = true });

        Assert.Null(await encoder.EncodeDdlAsync(CodecEvents.AddColumn, TestContext.Current.CancellationToken));
        Assert.Null(encoder.EncodeResolved(CodecEvents.ResolvedTs));
    }

    [Fact]
    public void Without_a_schema_registry_the_encoder_refuses_to_start()
    {
        var error = Assert.Throws<ChangefeedException>(() => new AvroEncoder(new EncoderOptions(), _ => "t"));

        Assert.Equal("CDC:ErrSinkURIInvalid", error.Code);
        Assert.Contains("schema registry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_without_a_handle_key_cannot_be_encoded()
    {
        var table = new ChangeTable("test", "nokey", [new("a", Sluice.MySql.Binlog.Rows.ColumnType.Long, "int", "int(11)", true)], CodecEvents.TableVersion);
        var row = new RowChangedEvent { Table = table, Kind = RowChangeKind.Insert, CommitTs = CodecEvents.CommitTs, After = [1L] };

        var error = await Assert.ThrowsAsync<ChangefeedException>(() => Encoder().EncodeRowAsync(row, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("CDC:ErrAvroEncodeFailed", error.Code);
    }

    [Fact]
    public async Task A_schema_Avro_cannot_hold_stops_the_changefeed()
    {
        // Two column names that sanitize to the same field name make a record Avro rejects.
        var table = new ChangeTable(
            "test",
            "dup",
            [CodecEvents.Id, new("a-b", Sluice.MySql.Binlog.Rows.ColumnType.Long, "int", "int(11)", true), new("a_b", Sluice.MySql.Binlog.Rows.ColumnType.Long, "int", "int(11)", true)],
            CodecEvents.TableVersion);
        var row = new RowChangedEvent { Table = table, Kind = RowChangeKind.Insert, CommitTs = CodecEvents.CommitTs, After = [1L, 2L, 3L] };

        var error = await Assert.ThrowsAsync<ChangefeedException>(() => Encoder().EncodeRowAsync(row, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("CDC:ErrAvroEncodeFailed", error.Code);
    }

    [Fact]
    public async Task A_schema_the_registry_refuses_is_a_non_retryable_registry_error()
    {
        _registry.IncompatibleSubject = "tidb_test_user-value";

        var error = await Assert.ThrowsAsync<ChangefeedException>(() => Encoder().EncodeRowAsync(CodecEvents.Insert, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("CDC:ErrAvroSchemaAPIError", error.Code);
        Assert.False(error.IsRetryable);
        Assert.Contains("409", error.Message, StringComparison.Ordinal);

        // Nothing failed is cached: once the registry accepts the schema, the same encoder goes on.
        _registry.IncompatibleSubject = null;
        var encoder = Encoder();
        Assert.NotEmpty((await encoder.EncodeRowAsync(CodecEvents.Insert, TestContext.Current.CancellationToken)).Value);
    }

    /// <summary>Reads a Confluent-framed datum back with the schema the registry holds for its id.</summary>
    private GenericRecord Decode(byte[] framed)
    {
        Assert.Equal(0, framed[0]);
        var id = BinaryPrimitives.ReadInt32BigEndian(framed.AsSpan(1, 4));
        var schema = Schema.Parse(_registry.SchemaOf(id));
        var reader = new GenericDatumReader<GenericRecord>(schema, schema);
        using var stream = new MemoryStream(framed, 5, framed.Length - 5);
        var record = reader.Read(null!, new BinaryDecoder(stream));
        Assert.Equal(stream.Length, stream.Position);
        return record;
    }
}
