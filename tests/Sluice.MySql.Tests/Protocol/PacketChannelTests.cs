using Sluice.MySql.Protocol;

namespace Sluice.MySql.Tests.Protocol;

public sealed class PacketChannelTests
{
    private const int Max = 0xFFFFFF;

    [Fact]
    public async Task Small_payload_is_framed_with_length_and_sequence_id()
    {
        var stream = new MemoryStream();
        var channel = new PacketChannel(stream) { SequenceId = 7 };
        await channel.WritePayloadAsync(new byte[] { 0x03, 0x41, 0x42 }, TestContext.Current.CancellationToken);

        Assert.Equal(new byte[] { 3, 0, 0, 7, 0x03, 0x41, 0x42 }, stream.ToArray());
        Assert.Equal(8, channel.SequenceId);
    }

    [Fact]
    public async Task Empty_payload_is_one_empty_packet()
    {
        var stream = new MemoryStream();
        var channel = new PacketChannel(stream);
        await channel.WritePayloadAsync(ReadOnlyMemory<byte>.Empty, TestContext.Current.CancellationToken);
        Assert.Equal(new byte[] { 0, 0, 0, 0 }, stream.ToArray());
    }

    [Fact]
    public async Task Payload_of_16_MiB_plus_one_is_split_into_a_full_packet_and_a_one_byte_packet()
    {
        var payload = Pattern(Max + 1);
        var bytes = await WriteAsync(payload);

        Assert.Equal(4 + Max + 4 + 1, bytes.Length);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0 }, bytes[..4]);
        Assert.Equal(new byte[] { 1, 0, 0, 1 }, bytes[(4 + Max)..(8 + Max)]);
        Assert.Equal(payload[Max], bytes[^1]);

        var channel = new PacketChannel(new MemoryStream(bytes));
        var read = await channel.ReadPayloadAsync(TestContext.Current.CancellationToken);
        Assert.True(read.Span.SequenceEqual(payload));
        Assert.Equal(2, channel.SequenceId);
    }

    [Fact]
    public async Task Payload_of_exactly_0xFFFFFF_bytes_ends_with_an_empty_packet()
    {
        var payload = Pattern(Max);
        var bytes = await WriteAsync(payload);

        Assert.Equal(4 + Max + 4, bytes.Length);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0 }, bytes[..4]);
        Assert.Equal(new byte[] { 0, 0, 0, 1 }, bytes[^4..]);

        var channel = new PacketChannel(new MemoryStream(bytes));
        var read = await channel.ReadPayloadAsync(TestContext.Current.CancellationToken);
        Assert.True(read.Span.SequenceEqual(payload));
        Assert.Equal(2, channel.SequenceId);
    }

    [Fact]
    public async Task Payload_of_twice_0xFFFFFF_bytes_is_two_full_packets_and_an_empty_one()
    {
        var payload = Pattern(2 * Max);
        var bytes = await WriteAsync(payload);

        Assert.Equal(3 * 4 + 2 * Max, bytes.Length);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 1 }, bytes[(4 + Max)..(8 + Max)]);
        Assert.Equal(new byte[] { 0, 0, 0, 2 }, bytes[^4..]);

        var channel = new PacketChannel(new MemoryStream(bytes));
        var read = await channel.ReadPayloadAsync(TestContext.Current.CancellationToken);
        Assert.True(read.Span.SequenceEqual(payload));
    }

    [Fact]
    public async Task Split_payload_is_reassembled_from_a_stream_that_returns_odd_sized_chunks()
    {
        var large = Pattern(Max + 1000);
        var stream = new MemoryStream();
        var writer = new PacketChannel(stream);
        await writer.WritePayloadAsync(new byte[] { 1, 2, 3 }, TestContext.Current.CancellationToken);
        await writer.WritePayloadAsync(large, TestContext.Current.CancellationToken);
        await writer.WritePayloadAsync(new byte[] { 9 }, TestContext.Current.CancellationToken);

        var reader = new PacketChannel(new ChunkedReadStream(stream.ToArray(), 65_537), readBufferSize: 1024);
        Assert.Equal(new byte[] { 1, 2, 3 }, (await reader.ReadPayloadAsync(TestContext.Current.CancellationToken)).ToArray());
        Assert.True((await reader.ReadPayloadAsync(TestContext.Current.CancellationToken)).Span.SequenceEqual(large));
        Assert.Equal(new byte[] { 9 }, (await reader.ReadPayloadAsync(TestContext.Current.CancellationToken)).ToArray());
        Assert.Equal(4, reader.SequenceId);
    }

    [Fact]
    public async Task Many_packets_through_a_small_buffer_and_one_byte_reads_come_out_intact()
    {
        // Sizes around the buffer size force compaction and growth; 300 packets wrap the sequence id past 255.
        var stream = new MemoryStream();
        var writer = new PacketChannel(stream);
        var payloads = Enumerable.Range(0, 300).Select(i => Pattern(i * 7 % 97, seed: i)).ToArray();
        foreach (var payload in payloads)
            await writer.WritePayloadAsync(payload, TestContext.Current.CancellationToken);

        var reader = new PacketChannel(new ChunkedReadStream(stream.ToArray(), 1), readBufferSize: 32);
        foreach (var payload in payloads)
            Assert.Equal(payload, (await reader.ReadPayloadAsync(TestContext.Current.CancellationToken)).ToArray());
        Assert.Equal(300 % 256, reader.SequenceId);
    }

    [Fact]
    public async Task Wrong_sequence_id_is_a_decoding_error_and_breaks_the_channel()
    {
        byte[] bytes = [1, 0, 0, 0, 0xAA, 1, 0, 0, 5, 0xBB];
        var channel = new PacketChannel(new MemoryStream(bytes));
        Assert.Equal(new byte[] { 0xAA }, (await channel.ReadPayloadAsync(TestContext.Current.CancellationToken)).ToArray());

        var error = await Assert.ThrowsAsync<MySqlDecodingException>(async () => await channel.ReadPayloadAsync(TestContext.Current.CancellationToken));
        Assert.Contains("expected packet sequence id 1, found 5", error.Message, StringComparison.Ordinal);
        Assert.True(channel.IsBroken);
        await Assert.ThrowsAsync<MySqlConnectionException>(async () => await channel.ReadPayloadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Stream_ending_inside_a_packet_is_a_connection_error()
    {
        byte[] bytes = [10, 0, 0, 0, 1, 2, 3];
        var channel = new PacketChannel(new MemoryStream(bytes));
        var error = await Assert.ThrowsAsync<MySqlConnectionException>(async () => await channel.ReadPayloadAsync(TestContext.Current.CancellationToken));
        Assert.IsAssignableFrom<IOException>(error);
        Assert.True(channel.IsBroken);
    }

    [Fact]
    public async Task Stream_ending_between_packets_is_a_connection_error()
    {
        var channel = new PacketChannel(new MemoryStream([]));
        await Assert.ThrowsAsync<MySqlConnectionException>(async () => await channel.ReadPayloadAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<byte[]> WriteAsync(byte[] payload)
    {
        var stream = new MemoryStream();
        var channel = new PacketChannel(stream);
        await channel.WritePayloadAsync(payload, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    private static byte[] Pattern(int length, int seed = 0)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = (byte)((i * 31) + (i >> 8) + seed);
        return bytes;
    }
}
