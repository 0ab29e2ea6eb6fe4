using System.Text.Json.Nodes;
using Sluice.Cli.Configuration;

namespace Sluice.Cli.Dmctl;

/// <summary>A DM source file (source.yaml) as the API's Source JSON, the body of POST /api/v1/sources.</summary>
internal static class SourceRequest
{
    /// <param name="readFile">Reads a TLS file named in <c>from.security</c>; the API takes file contents.</param>
    public static JsonObject From(SourceFile source, Func<string, string> readFile)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(readFile);
        var from = source.Connection;
        var body = new JsonObject
        {
            ["source_name"] = source.SourceId,
            ["host"] = from.Host,
            ["port"] = from.Port,
            ["user"] = from.User,
            ["password"] = from.Password,
            ["enable"] = true,
            ["enable_gtid"] = source.EnableGtid,
        };
        if (from.SslCa is not null || from.SslCert is not null || from.SslKey is not null)
        {
            body["security"] = new JsonObject
            {
                ["ssl_ca_content"] = Read(from.SslCa),
                ["ssl_cert_content"] = Read(from.SslCert),
                ["ssl_key_content"] = Read(from.SslKey),
            };
        }

        if (source.EnableRelay)
        {
            // Sent as written: the server says whether it keeps a relay log.
            var relay = new JsonObject { ["enable_relay"] = true };
            if (source.RelayBinlogName is { } name)
                relay["relay_binlog_name"] = name;
            if (source.RelayBinlogGtid is { } gtid)
                relay["relay_binlog_gtid"] = gtid;
            body["relay_config"] = relay;
        }

        return body;

        string Read(string? path) => path is null ? "" : readFile(path);
    }

    /// <summary>What the file says that the API's Source has no field for, so the user knows it is not kept.</summary>
    public static IEnumerable<string> NotCarried(SourceFile source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Filters.Count > 0)
            yield return "filters (give them in the task file's filters: and filter-rules:)";
        if (source.ServerId is not null)
            yield return "server-id (the server picks one when it reads the binlog)";
    }
}
