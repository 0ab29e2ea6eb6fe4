using Sluice.MySql.Positions;
using Sluice.MySql.Replication;

namespace Sluice.MySql.Tests.Replication;

/// <summary>Byte layouts from https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_replication.html.</summary>
public sealed class ReplicationCommandsTests
{
    [Fact]
    public void Register_slave_has_server_id_three_short_strings_port_rank_and_master_id()
    {
        var payload = ReplicationCommands.RegisterSlave(0x01020304, "h", "u", "", 3306);
        Assert.Equal(
            "15" + "04030201" + "0168" + "0175" + "00" + "EA0C" + "00000000" + "00000000",
            Convert.ToHexString(payload));
    }

    [Fact]
    public void Binlog_dump_has_position_flags_server_id_and_the_file_name_to_the_end()
    {
        Assert.Equal(
            "12" + "04000000" + "0000" + "2A000000" + Convert.ToHexString("binlog.000001"u8),
            Convert.ToHexString(ReplicationCommands.BinlogDump(42, "binlog.000001", 4)));
        Assert.Equal(
            "12" + "00010000" + "0100" + "2A000000",
            Convert.ToHexString(ReplicationCommands.BinlogDump(42, string.Empty, 256, stopAtEnd: true)));
    }

    [Fact]
    public void Binlog_dump_gtid_carries_the_encoded_set_with_exclusive_interval_ends()
    {
        var set = GtidSet.Parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5");
        var payload = Convert.ToHexString(ReplicationCommands.BinlogDumpGtid(7, set));
        Assert.Equal(
            "1E" + "0400" + "07000000" + "00000000" + "0400000000000000" + "30000000"
            + "0100000000000000" + "3E11FA4771CA11E19E33C80AA9429562" + "0100000000000000"
            + "0100000000000000" + "0600000000000000",
            payload);
    }
}
