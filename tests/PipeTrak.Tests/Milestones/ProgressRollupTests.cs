using System.Text.Json;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.Tests.Milestones;

/// <summary>TRK-050/053/054 roll-ups; TRK-031 JSON round trip; TRK-003 allocation-free progress.</summary>
public sealed class ProgressRollupTests
{
    [Fact]
    public void TRK050_no_components_is_not_started_at_0()
    {
        var rollup = new ProgressRollup();
        Assert.Equal(0m, rollup.Average);
        Assert.Equal(ProgressStatus.NotStarted, rollup.Status);
        Assert.Equal("0/0 • 0%", rollup.Display());
    }

    [Fact]
    public void TRK050_completed_total_and_unweighted_average()
    {
        var rollup = new ProgressRollup();
        rollup.Add(100m);
        rollup.Add(47m);
        rollup.Add(0m);
        rollup.Add(0m);
        Assert.Equal(4, rollup.Total);
        Assert.Equal(1, rollup.Completed);
        Assert.Equal(36.75m, rollup.Average);
        Assert.Equal(ProgressStatus.InProgress, rollup.Status);
        Assert.Equal("1/4 • 37%", rollup.Display());
        Assert.Equal(36.8m, rollup.OverallProgress);
    }

    [Fact]
    public void TRK050_all_at_100_is_complete()
    {
        var rollup = new ProgressRollup();
        rollup.Add(100m);
        rollup.Add(100m);
        Assert.Equal(ProgressStatus.Complete, rollup.Status);
        Assert.Equal("Complete", rollup.Status.Label());
    }

    [Fact]
    public void TRK050_status_thresholds()
    {
        Assert.Equal(ProgressStatus.NotStarted, ProgressRollup.StatusOf(3, 0m));
        Assert.Equal(ProgressStatus.InProgress, ProgressRollup.StatusOf(3, 0.01m));
        Assert.Equal(ProgressStatus.InProgress, ProgressRollup.StatusOf(3, 99.99m));
        Assert.Equal(ProgressStatus.Complete, ProgressRollup.StatusOf(3, 100m));
    }

    [Fact]
    public void TRK031_value_maps_round_trip_as_whole_numbers()
    {
        var values = new Dictionary<string, MilestoneValue> { ["Erect"] = MilestoneValue.Create(40), ["Receive"] = MilestoneValue.Complete };
        var json = JsonSerializer.Serialize(values);
        Assert.Equal("{\"Erect\":40,\"Receive\":100}", json);
        Assert.Equal(values, JsonSerializer.Deserialize<Dictionary<string, MilestoneValue>>(json));
    }

    [Fact]
    public void TRK031_legacy_json_maps_are_read_tolerantly()
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, MilestoneValue>>("{\"Receive\":true,\"Erect\":\"40\",\"Connect\":150,\"Punch\":null,\"Test\":\"x\"}")!;
        Assert.Equal([100, 40, 100, 0, 0], values.Values.Select(v => v.Value));
    }

    [Fact]
    public void TRK003_percent_complete_allocates_nothing_per_component()
    {
        var template = DefaultTemplates.For(ComponentType.Pipe);
        var values = new Dictionary<string, MilestoneValue>(StringComparer.Ordinal)
        {
            ["Receive"] = MilestoneValue.Complete,
            ["Erect"] = MilestoneValue.Create(40),
        };
        var total = 0m;
        for (var i = 0; i < 1000; i++)
        {
            total += ProgressRules.PercentComplete(template, values);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            total += ProgressRules.PercentComplete(template, values);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 10_000, $"allocated {allocated} bytes for 10,000 calls");
        Assert.True(total > 0);
    }
}
