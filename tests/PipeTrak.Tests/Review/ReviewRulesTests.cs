using PipeTrak.Web.Features.Review;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Welds;

namespace PipeTrak.Tests.Review;

/// <summary>WLD-070/071: visibility, resolution rights, ages, notes and summaries.</summary>
public sealed class ReviewRulesTests
{
    [Theory]
    [InlineData(OrgRole.QcInspector, true)]
    [InlineData(OrgRole.Owner, false)]
    [InlineData(OrgRole.Admin, false)]
    [InlineData(OrgRole.ProjectManager, false)]
    [InlineData(OrgRole.Foreman, false)]
    [InlineData(OrgRole.Viewer, false)]
    public void WLD071_only_QC_inspectors_see_and_resolve_weld_completed(OrgRole role, bool allowed)
    {
        Assert.Equal(allowed, ReviewRules.CanSee(role, ReviewItemTypes.WeldCompleted));
        Assert.Equal(allowed, ReviewRules.CanResolve(role, ReviewItemTypes.WeldCompleted));
    }

    [Theory]
    [InlineData(OrgRole.Owner, true)]
    [InlineData(OrgRole.Admin, true)]
    [InlineData(OrgRole.ProjectManager, true)]
    [InlineData(OrgRole.QcInspector, true)]
    [InlineData(OrgRole.Foreman, false)]
    [InlineData(OrgRole.Welder, false)]
    [InlineData(OrgRole.Viewer, false)]
    public void WLD071_other_types_are_visible_to_all_and_resolved_by_owner_admin_pm_qc(OrgRole role, bool resolves)
    {
        Assert.True(ReviewRules.CanSee(role, ReviewItemTypes.VerifyWelder));
        Assert.Equal(resolves, ReviewRules.CanResolve(role, ReviewItemTypes.VerifyWelder));
    }

    [Theory]
    [InlineData(0, ReviewAge.Gray)]
    [InlineData(23.9, ReviewAge.Gray)]
    [InlineData(24, ReviewAge.Amber)]
    [InlineData(72, ReviewAge.Amber)]
    [InlineData(72.1, ReviewAge.Red)]
    public void WLD071_age_colours(double hours, ReviewAge expected)
    {
        var now = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(expected, ReviewRules.Age(now.AddHours(-hours), now));
    }

    [Fact]
    public void WLD071_note_is_at_most_500_characters()
    {
        Assert.Null(ReviewRules.ValidateNote(null));
        Assert.Null(ReviewRules.ValidateNote(new string('a', 500)));
        Assert.Equal(ReviewRules.NoteTooLongMessage, ReviewRules.ValidateNote(new string('a', 501)));
    }

    [Fact]
    public void WLD021_weld_completed_payload_reads_as_one_line()
    {
        const string payload = """{"weldNumber":"7-A","drawing":"ISO-1","welderStencil":"AB-1","welderName":"Al Burke","dateWelded":"2026-03-02","weldType":"BW","ndeRequired":true}""";
        Assert.Equal("Weld 7-A on ISO-1 by AB-1 – Al Burke, welded 2026-03-02 (BW, NDE required)", ReviewRules.Summary(ReviewItemTypes.WeldCompleted, payload));
    }

    [Fact]
    public void Other_payloads_list_their_fields_and_bad_json_gives_nothing()
    {
        Assert.Equal("stencil: AB-1; name: Al", ReviewRules.Summary(ReviewItemTypes.VerifyWelder, """{"stencil":"AB-1","name":"Al","empty":""}"""));
        Assert.Equal("", ReviewRules.Summary(ReviewItemTypes.VerifyWelder, "not json"));
    }
}
