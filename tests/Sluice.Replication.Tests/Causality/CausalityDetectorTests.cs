using Sluice.Replication.Causality;

namespace Sluice.Replication.Tests.Causality;

public sealed class CausalityDetectorTests
{
    [Fact]
    public void Changes_to_the_same_key_go_to_the_same_worker()
    {
        var detector = new CausalityDetector(8);
        var first = detector.Assign(["t.id=1"]);
        for (var i = 0; i < 20; i++)
            Assert.Equal(first, detector.Assign(["t.id=1"]));
    }

    [Fact]
    public void A_key_change_joins_old_and_new_key_so_a_later_change_of_the_new_key_follows_it()
    {
        var detector = new CausalityDetector(16);
        var worker = detector.Assign(["t.id=1"]);
        // UPDATE id 1 -> 2: both keys now belong to the first worker.
        Assert.Equal(worker, detector.Assign(["t.id=1", "t.id=2"]));
        Assert.Equal(worker, detector.Assign(["t.id=2"]));
    }

    [Fact]
    public void Keys_held_by_two_workers_are_a_conflict_until_reset()
    {
        var detector = new CausalityDetector(64);
        string a = "t.id=1", b = FindKeyOnOtherWorker(detector, "t.id=1");
        var wa = detector.Assign([a]);
        var wb = detector.Assign([b]);
        Assert.NotEqual(wa, wb);

        Assert.Equal(-1, detector.Assign([a, b]));
        // A conflicting change claims nothing.
        Assert.Equal(2, detector.KeysInFlight);

        detector.Reset();
        Assert.Equal(0, detector.KeysInFlight);
        var joined = detector.Assign([a, b]);
        Assert.InRange(joined, 0, 63);
        Assert.Equal(joined, detector.Assign([b]));
    }

    [Fact]
    public void Random_workloads_keep_every_key_on_one_worker_between_resets()
    {
        var random = new Random(7);
        var detector = new CausalityDetector(4);
        var owner = new Dictionary<string, int>();
        var conflicts = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var keys = Enumerable.Range(0, random.Next(1, 3)).Select(_ => $"t.k={random.Next(200)}").Distinct().ToArray();
            var worker = detector.Assign(keys);
            if (worker < 0)
            {
                conflicts++;
                Assert.True(keys.Select(k => owner.GetValueOrDefault(k, -1)).Where(w => w >= 0).Distinct().Count() > 1);
                detector.Reset();
                owner.Clear();
                worker = detector.Assign(keys);
            }

            foreach (var key in keys)
            {
                if (owner.TryGetValue(key, out var held))
                    Assert.Equal(held, worker);
                owner[key] = worker;
            }

            if (random.Next(100) == 0)
            {
                detector.Reset();
                owner.Clear();
            }
        }

        Assert.True(conflicts > 0);
    }

    [Fact]
    public void Release_forgets_only_keys_last_assigned_before_the_marker()
    {
        var detector = new CausalityDetector(2);
        var a = detector.Assign(["t.id=1", "t.u=x"]);
        detector.Assign(["t.id=2"]);
        var marker = detector.Mark();
        // Assigned again after the marker: still in flight once the marker is passed.
        Assert.Equal(a, detector.Assign(["t.u=x"]));
        detector.Assign(["t.id=3"]);
        Assert.Equal(4, detector.KeysInFlight);

        detector.Release(marker);

        Assert.Equal(2, detector.KeysInFlight);
        // t.u=x still pins its group: a change joining it with a key now free goes to its worker.
        Assert.Equal(a, detector.Assign(["t.id=1", "t.u=x"]));
    }

    [Fact]
    public void Keys_released_at_a_marker_can_move_to_another_worker_without_a_conflict()
    {
        var detector = new CausalityDetector(64);
        var first = detector.Assign(["t.id=1"]);
        var other = FindKeyOnOtherWorker(detector, "t.id=1");
        detector.Assign([other]);
        Assert.Equal(-1, detector.Assign(["t.id=1", other]));

        detector.Release(detector.Mark());

        Assert.Equal(0, detector.KeysInFlight);
        Assert.Equal(first, detector.Assign(["t.id=1", other]));
    }

    private static string FindKeyOnOtherWorker(CausalityDetector detector, string key)
    {
        var probe = new CausalityDetector(64);
        var worker = probe.Assign([key]);
        for (var i = 2; ; i++)
        {
            var other = $"t.id={i}";
            var fresh = new CausalityDetector(64);
            if (fresh.Assign([other]) != worker)
                return other;
        }
    }
}
