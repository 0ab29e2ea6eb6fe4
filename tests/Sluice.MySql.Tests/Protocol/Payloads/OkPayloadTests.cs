using Sluice.MySql.Protocol;
using Sluice.MySql.Protocol.Payloads;

namespace Sluice.MySql.Tests.Protocol.Payloads;

public sealed class OkPayloadTests
{
    [Fact]
    public void Parses_affected_rows_last_insert_id_status_warnings_and_info()
    {
        // What MariaDB answers to an INSERT of 3 rows into an AUTO_INCREMENT table starting at 1000, with
        // one warning: 0x00, lenenc 3, lenenc 1000 (0xFC 0xE8 0x03), status AUTOCOMMIT, 1 warning, info.
        var payload = Convert.FromHexString("00" + "03" + "fce803" + "0200" + "0100" + Convert.ToHexString("Records: 3  Duplicates: 0  Warnings: 1"u8));

        var ok = OkPayload.Parse(payload);

        Assert.Equal(3ul, ok.AffectedRows);
        Assert.Equal(1000ul, ok.LastInsertId);
        Assert.Equal(ServerStatus.AutoCommit, ok.Status);
        Assert.Equal(1, ok.Warnings);
        Assert.Equal("Records: 3  Duplicates: 0  Warnings: 1", ok.Info);
    }

    [Fact]
    public void Parses_large_length_encoded_counts_and_the_eof_form()
    {
        // 0xFE header (OK ending a result set under CLIENT_DEPRECATE_EOF), affected rows 0x1_0000_0000
        // as an 8-byte lenenc, insert id 0x10000 as a 3-byte lenenc, status MORE_RESULTS|AUTOCOMMIT.
        var payload = Convert.FromHexString("fe" + "fe0000000001000000" + "fd000001" + "0a00" + "0000");

        var ok = OkPayload.Parse(payload);

        Assert.Equal(0x1_0000_0000ul, ok.AffectedRows);
        Assert.Equal(0x10000ul, ok.LastInsertId);
        Assert.Equal(ServerStatus.MoreResultsExist | ServerStatus.AutoCommit, ok.Status);
        Assert.Equal(string.Empty, ok.Info);
    }

    [Fact]
    public void Truncated_ok_packet_is_a_decoding_error()
    {
        Assert.Throws<MySqlDecodingException>(() => OkPayload.Parse([0x00, 0x01, 0x00, 0x02]));
        Assert.Throws<MySqlDecodingException>(() => OkPayload.Parse([0x00, 0xFC, 0x01]));
        Assert.Throws<MySqlDecodingException>(() => OkPayload.Parse([0x01, 0, 0, 0, 0, 0, 0]));
    }
}
