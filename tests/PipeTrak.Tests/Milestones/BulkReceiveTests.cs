using PipeTrak.Web.Features.Milestones;

namespace PipeTrak.Tests.Milestones;

/// <summary>TRK-080 Mark Received.</summary>
public sealed class BulkReceiveTests
{
    [Fact]
    public void TRK080_confirmation_only_over_10()
    {
        Assert.Null(BulkReceive.Confirmation(10));
        Assert.Equal("Mark 11 components as received?", BulkReceive.Confirmation(11));
    }

    [Fact]
    public void TRK080_only_components_with_receive_below_100_are_updated()
    {
        Assert.True(BulkReceive.ShouldUpdate(true, null));
        Assert.True(BulkReceive.ShouldUpdate(true, MilestoneValue.Create(40)));
        Assert.False(BulkReceive.ShouldUpdate(true, MilestoneValue.Complete));
        Assert.False(BulkReceive.ShouldUpdate(false, null));
    }

    [Fact]
    public void TRK080_summary() =>
        Assert.Equal("Attempted 5 · Updated 3 · Skipped 1 · Failed 1", BulkReceive.Summary(5, 3, 1, 1));
}
