namespace Sluice.Migration;

/// <summary>
/// An <see cref="IProgress{T}"/> that handles each report on the reporting thread, at once: unlike
/// <see cref="Progress{T}"/>, which posts reports to the thread pool, reports can neither arrive out of order nor
/// after the run that made them has ended.
/// </summary>
internal sealed class Reporter<T>(Action<T> handle) : IProgress<T>
{
    public void Report(T value) => handle(value);
}
