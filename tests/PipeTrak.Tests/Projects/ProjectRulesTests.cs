using PipeTrak.Web.Features.Organizations;
using PipeTrak.Web.Features.Projects;

namespace PipeTrak.Tests.Projects;

/// <summary>PPL-031/032 project fields, PPL-034 delete confirmation, TRK-002 time zones, PPL-004/020 organization names.</summary>
public sealed class ProjectRulesTests
{
    private static ProjectInput Valid(string? name = "Unit 4 Revamp", string? description = "Hydrocracker piping", string? timeZone = "America/Chicago") =>
        new(name, description, timeZone);

    [Fact]
    public void PPL031_valid_input_has_no_errors() => Assert.Empty(ProjectRules.Validate(Valid()));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void PPL031_name_is_required(string? name) =>
        Assert.Equal([ProjectRules.NameRequired], ProjectRules.Validate(Valid(name: name))["Name"]);

    [Fact]
    public void PPL031_name_of_100_characters_is_accepted_101_is_not()
    {
        Assert.Empty(ProjectRules.Validate(Valid(name: new string('a', 100))));
        Assert.Equal([ProjectRules.NameTooLong], ProjectRules.Validate(Valid(name: new string('a', 101)))["Name"]);
    }

    [Fact]
    public void PPL031_name_length_counts_after_trimming() =>
        Assert.Empty(ProjectRules.Validate(Valid(name: "  " + new string('a', 100) + "  ")));

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void PPL031_description_is_required(string? description) =>
        Assert.Equal(["Description is required"], ProjectRules.Validate(Valid(description: description))["Description"]);

    [Fact]
    public void PPL031_description_at_most_500_characters()
    {
        Assert.Empty(ProjectRules.Validate(Valid(description: new string('d', 500))));
        Assert.Equal([ProjectRules.DescriptionTooLong], ProjectRules.Validate(Valid(description: new string('d', 501)))["Description"]);
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/Chicago")]
    [InlineData("Asia/Kolkata")]
    public void TRK002_iana_time_zones_are_valid(string zone) => Assert.True(ProjectTimeZones.IsValid(zone));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("europe/berlin")]
    [InlineData("+02:00")]
    public void TRK002_unknown_time_zones_are_invalid(string? zone)
    {
        Assert.False(ProjectTimeZones.IsValid(zone));
        Assert.Equal([ProjectRules.TimeZoneInvalid], ProjectRules.Validate(Valid(timeZone: zone))["TimeZone"]);
    }

    [Fact]
    public void TRK002_the_picker_offers_sorted_iana_ids_including_utc()
    {
        var all = ProjectTimeZones.All;
        Assert.Contains("UTC", all);
        Assert.Contains("Europe/Berlin", all);
        Assert.Equal(all.OrderBy(z => z, StringComparer.Ordinal), all);
        Assert.All(all, z => Assert.True(ProjectTimeZones.IsValid(z)));
    }

    [Fact]
    public void PPL031_duplicate_message_quotes_the_trimmed_name() =>
        Assert.Equal("A project named 'North Yard' already exists", ProjectRules.DuplicateName("  North Yard "));

    [Fact]
    public void PPL031_name_key_ignores_case_and_surrounding_spaces() =>
        Assert.Equal(Project.KeyOf("north yard"), Project.KeyOf("  North YARD "));

    [Theory]
    [InlineData("North Yard", true)]
    [InlineData("  North Yard ", true)]
    [InlineData("north yard", false)]
    [InlineData("North", false)]
    [InlineData(null, false)]
    [InlineData("", false)]
    public void PPL034_deletion_needs_the_exact_name(string? typed, bool confirms) =>
        Assert.Equal(confirms, ProjectRules.ConfirmsDeletion("North Yard", typed));

    [Theory]
    [InlineData(null, OrganizationRules.NameRequired)]
    [InlineData("  ", OrganizationRules.NameRequired)]
    [InlineData("Acme Mechanical", null)]
    public void PPL004_organization_name_is_required(string? name, string? error) =>
        Assert.Equal(error, OrganizationRules.ValidateName(name));

    [Fact]
    public void PPL004_organization_name_at_most_100_characters()
    {
        Assert.Null(OrganizationRules.ValidateName(new string('o', 100)));
        Assert.Equal(OrganizationRules.NameTooLong, OrganizationRules.ValidateName(new string('o', 101)));
    }
}
