namespace Sluice.Replication.Apply;

/// <summary>How inserted rows are written.</summary>
public enum InsertMode
{
    /// <summary>INSERT: fails on a duplicate key.</summary>
    Insert,

    /// <summary>REPLACE (safe mode): a row with the same primary or unique key is deleted first, so replaying is harmless.</summary>
    Replace,

    /// <summary>INSERT IGNORE: a row with a duplicate key is skipped.</summary>
    InsertIgnore,
}
