namespace Sluice.Cli.Dmctl;

/// <summary>No master at the given addresses answered (refused, unknown host, timed out).</summary>
internal sealed class MasterUnreachableException : Exception
{
    public MasterUnreachableException()
    {
    }

    public MasterUnreachableException(string message)
        : base(message)
    {
    }

    public MasterUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
