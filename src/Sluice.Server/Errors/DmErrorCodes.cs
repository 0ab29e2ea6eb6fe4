namespace Sluice.Server.Errors;

/// <summary>
/// The numeric codes DM's API returns in <c>error_code</c>, taken from DM's error catalogue
/// (dm/pkg/terror/error_list.go) so that scripts which branch on a code keep working.
/// </summary>
internal static class DmErrorCodes
{
    /// <summary>codeDBDriverError: the source refused the connection or a query (the MySQL error is in the message).</summary>
    public const int DbDriverError = 10001;

    /// <summary>codeGenTableRouter: a task's routes could not be built.</summary>
    public const int GenTableRouter = 11043;

    /// <summary>codeSourceCheckGTID: enable_gtid asked for a source whose GTID mode is off.</summary>
    public const int SourceCheckGtid = 26007;

    /// <summary>codeTaskCheckSyncConfigError: a task's precheck against its sources failed.</summary>
    public const int TaskCheckSyncConfigError = 26005;

    /// <summary>codeMasterInvalidOfflineType: the embedded master and worker cannot be taken offline.</summary>
    public const int MasterInvalidOfflineType = 38049;

    /// <summary>codeWorkerRelayOperNotSupport: relay log operations.</summary>
    public const int WorkerRelayOperNotSupport = 40040;

    /// <summary>codeWorkerNotPausedStage: the operation needs the task paused (or stopped), and it runs.</summary>
    public const int WorkerNotPausedStage = 40051;

    /// <summary>codeSchemaTrackerCannotGetTable: the schema tracker has no such table, or none to take it from.</summary>
    public const int SchemaTrackerCannotGetTable = 44005;

    /// <summary>codeSchemaTrackerCannotExecDDL: the CREATE TABLE given was refused.</summary>
    public const int SchemaTrackerCannotExecDdl = 44006;

    /// <summary>codeSchemaTrackerInvalidCreateTableStmt: the statement given is not one CREATE TABLE.</summary>
    public const int SchemaTrackerInvalidCreateTableStmt = 44009;

    /// <summary>codeWorkerRouteTableDupMatch: a table matches two route rules of the same level.</summary>
    public const int WorkerRouteTableDupMatch = 40080;

    /// <summary>codeSchedulerWorkerNotExist: a worker name that is not this server's worker.</summary>
    public const int SchedulerWorkerNotExist = 46004;

    /// <summary>codeSchedulerSourceCfgExist: a source of that name is registered already.</summary>
    public const int SchedulerSourceCfgExist = 46007;

    /// <summary>codeSchedulerSourceCfgNotExist: no source of that name.</summary>
    public const int SchedulerSourceCfgNotExist = 46008;

    /// <summary>codeSchedulerSourceOpTaskExist: the source is used by tasks.</summary>
    public const int SchedulerSourceOpTaskExist = 46010;

    /// <summary>codeSchedulerSubTaskExist: a task of that name exists already.</summary>
    public const int SchedulerSubTaskExist = 46014;

    /// <summary>codeSchedulerSubTaskStageInvalidUpdate: the task's stage does not allow the operation (running, not running).</summary>
    public const int SchedulerSubTaskStageInvalidUpdate = 46015;

    /// <summary>codeSchedulerSubTaskOpSourceNotExist: a source the task does not read.</summary>
    public const int SchedulerSubTaskOpSourceNotExist = 46017;

    /// <summary>codeSchedulerTaskNotExist: no task of that name.</summary>
    public const int SchedulerTaskNotExist = 46018;

    /// <summary>codeSchedulerSubTaskNotExist: the task has no subtask on that source (it does not read it).</summary>
    public const int SchedulerSubTaskNotExist = 46034;

    /// <summary>codeOpenAPICommon: any other bad request (bad JSON, unknown path, wrong method, body too large).</summary>
    public const int OpenApiCommon = 49001;
}
