namespace Sluice.Replication.Tests;

/// <summary>Counts what an action allocates on the current thread once it has run warm.</summary>
internal static class Allocations
{
    public static long Measure(Action action, int iterations = 200)
    {
        for (var i = 0; i < 10; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
