namespace Sluice.Server.Tasks.Contract;

/// <summary>
/// The codes of DM's error catalogue (terror) that task checks report, named as DM names them without the
/// <c>code</c> prefix, so an <c>error_code</c> means what it means to DM's users.
/// </summary>
public static class TaskErrorCodes
{
    /// <summary>A check item in ignore_checking_items that DM does not have.</summary>
    public const int ConfigCheckItemNotSupport = 20001;

    public const int ConfigTaskNameEmpty = 20004;

    public const int ConfigEmptySourceID = 20005;

    /// <summary>meta: a binlog start that cannot be used.</summary>
    public const int ConfigMetaInvalid = 20011;

    /// <summary>At least one source (mysql-instances, source_conf).</summary>
    public const int ConfigMySQLInstsAtLeastOne = 20013;

    public const int ConfigMySQLInstSameSourceID = 20014;

    public const int ConfigInvalidTaskMode = 20020;

    public const int ConfigNeedTargetDB = 20021;

    /// <summary>An incremental task with no binlog start for a source.</summary>
    public const int ConfigMetadataNotSet = 20022;

    public const int ConfigFilterRuleNotFound = 20024;

    /// <summary>A rule names a source the task does not read.</summary>
    public const int ConfigSourceIDNotFound = 20031;

    public const int ConfigShardModeNotSupport = 20033;

    /// <summary>A binlog filter rule that does not compile: an unknown event name or a bad SQL pattern.</summary>
    public const int ConfigBinlogEventFilter = 20037;

    /// <summary>A source schema or table pattern that does not compile.</summary>
    public const int ConfigGenBAList = 20044;

    /// <summary>A route that cannot be made: a wildcard or a missing schema in the target.</summary>
    public const int ConfigGenTableRouter = 20045;

    public const int ConfigInvalidLoadMode = 20053;

    public const int ConfigInvalidLoadDuplicateResolution = 20054;

    /// <summary>A data_dir on external storage (s3://, gcs://, …).</summary>
    public const int ConfigLoaderS3NotSupport = 20059;

    public const int ConfigInvalidLoadPhysicalDuplicateResolution = 20062;

    public const int ConfigInvalidLoadPhysicalChecksum = 20063;

    public const int ConfigInvalidLoadAnalyze = 20065;

    /// <summary>strict_optimistic_shard_mode without shard_mode optimistic.</summary>
    public const int ConfigStrictOptimisticShardMode = 20066;

    public const int ConfigUnsupportedForeignKeyChecksOption = 20070;

    /// <summary>DM's generic OpenAPI error: a required field missing or a value out of range.</summary>
    public const int OpenApiCommon = 49001;

    /// <summary>A source_conf names a source that is not registered.</summary>
    public const int OpenApiTaskSourceNotFound = 49002;
}
