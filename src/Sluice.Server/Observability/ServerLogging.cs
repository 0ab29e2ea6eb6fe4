using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Sluice.Server.Hosting;

namespace Sluice.Server.Observability;

/// <summary>
/// The server's logging as <see cref="SluiceServerOptions"/> asks: the console's simple or JSON formatter, at the
/// level asked, on the console or on <see cref="SluiceServerOptions.LogWriter"/>.
/// </summary>
internal static class ServerLogging
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static void Configure(ILoggingBuilder logging, SluiceServerOptions options)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(options.LogLevel);

        // ASP.NET Core logs every request at Information: only its warnings and errors, unless debugging.
        if (options.LogLevel > LogLevel.Debug)
            logging.AddFilter("Microsoft", LogLevel.Warning);

        if (options.LogFormat == ServerLogFormat.Json)
        {
            logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = TimestampFormat;
                json.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            });
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.IncludeScopes = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = TimestampFormat + " ";
            });
        }

        LiveLogLevel.AddTo(logging, options.LogLevel);
        if (options.LogWriter is { } writer)
        {
            // The same formatter, written elsewhere: the console's provider gives way to one that writes to the writer.
            var formatterName = options.LogFormat == ServerLogFormat.Json ? ConsoleFormatterNames.Json : ConsoleFormatterNames.Simple;
            var console = logging.Services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList();
            foreach (var descriptor in console)
                logging.Services.Remove(descriptor);
            logging.Services.AddSingleton<ILoggerProvider>(services =>
                new TextWriterLoggerProvider(writer, services.GetServices<ConsoleFormatter>().First(f => f.Name == formatterName)));
        }
    }
}
