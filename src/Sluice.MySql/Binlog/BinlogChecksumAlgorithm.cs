namespace Sluice.MySql.Binlog;

/// <summary>binlog_checksum as announced in the FORMAT_DESCRIPTION event.</summary>
public enum BinlogChecksumAlgorithm : byte
{
    None = 0,
    Crc32 = 1,
    Undefined = 255,
}
