using System.Runtime.InteropServices;

namespace Sluice.ChangeFeed.Sinks.Storage;

/// <summary>
/// fsync of a directory, which makes the names created, renamed or removed in it survive a crash (an fsync of a
/// file keeps its bytes, not its name). .NET has no API for it, so on Linux and macOS it is open(2) + fsync(2);
/// elsewhere it does nothing (Windows flushes directory entries with the file system's own journal).
/// </summary>
/// <remarks>https://man7.org/linux/man-pages/man2/fsync.2.html</remarks>
internal static class DirectorySync
{
    private const int ReadOnly = 0;

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
            return;
        var fd = NativeMethods.Open(directory, ReadOnly);
        if (fd < 0)
            throw new IOException($"cannot open directory {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (NativeMethods.Fsync(fd) != 0)
                throw new IOException($"cannot sync directory {directory} (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = NativeMethods.Close(fd);
        }
    }

    /// <summary>Creates <paramref name="directory"/> and any missing parents, syncing each parent that gained an entry.</summary>
    public static void Create(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (Directory.Exists(full))
            return;
        var parent = Path.GetDirectoryName(full);
        if (parent is not null)
            Create(parent);
        Directory.CreateDirectory(full);
        if (parent is not null)
            Flush(parent);
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable CA2101 // The path is marshalled as UTF-8 explicitly, which is what the Unix file APIs take.
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
#pragma warning restore CA2101

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Fsync(int fd);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Close(int fd);
    }
}
