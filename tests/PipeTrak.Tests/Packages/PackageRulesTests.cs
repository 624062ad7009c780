using PipeTrak.Web.Features.Packages;

namespace PipeTrak.Tests.Packages;

/// <summary>PKG-001..017 field rules and messages; PKG-030..032 readiness.</summary>
public sealed class PackageRulesTests
{
    private static PackageInput Valid => new("TP-101", "Cooling water", "Hydrostatic Test", null, 150m, "PSIG");

    [Fact]
    public void PKG001_a_valid_hydrostatic_package_passes() => Assert.Empty(PackageRules.Validate(Valid));

    [Fact]
    public void PKG002_messages()
    {
        Assert.Equal("Package name cannot be empty", PackageRules.Validate(Valid with { Name = "  " })["Name"]);
        Assert.Equal("Description max 100 characters", PackageRules.Validate(Valid with { Description = new string('d', 101) })["Description"]);
        Assert.Equal("Invalid test type", PackageRules.Validate(Valid with { TestType = "Vacuum" })["TestType"]);
        Assert.Equal("Invalid test type", PackageRules.Validate(Valid with { TestType = null })["TestType"]);
        Assert.Equal("Describe the test type", PackageRules.Validate(Valid with { TestType = "Other", TestPressure = null })["OtherDescription"]);
        Assert.Equal("Test pressure is required and must be greater than 0 for Hydrostatic Test tests",
            PackageRules.Validate(Valid with { TestPressure = null })["TestPressure"]);
        Assert.Equal("Test pressure is required and must be greater than 0 for Pneumatic Test tests",
            PackageRules.Validate(Valid with { TestType = "Pneumatic Test", TestPressure = 0 })["TestPressure"]);
        Assert.Equal("Test pressure must be greater than 0",
            PackageRules.Validate(Valid with { TestType = "Sensitive Leak Test", TestPressure = -1 })["TestPressure"]);
        Assert.Equal("Package name must be unique", PackageRules.NameTakenMessage);
    }

    [Fact]
    public void PKG001_pressure_is_optional_for_other_types_and_test_type_may_be_unset_for_imports()
    {
        Assert.Empty(PackageRules.Validate(Valid with { TestType = "In-service Test", TestPressure = null }));
        Assert.Empty(PackageRules.Validate(Valid with { TestType = null, TestPressure = null }, testTypeOptional: true));
        Assert.Empty(PackageRules.Validate(Valid with { TestType = "other", OtherDescription = "Vacuum box", TestPressure = null }));
    }

    [Theory]
    [InlineData("hydrostatic test", TestType.Hydrostatic)]
    [InlineData("Alternative Leak Test", TestType.AlternativeLeak)]
    [InlineData("InService", TestType.InService)]
    public void PKG001_test_types_parse_by_label_or_name(string text, TestType expected)
    {
        Assert.True(PackageRules.TryParseTestType(text, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("psig", true)]
    [InlineData("BAR", true)]
    [InlineData("kPa", true)]
    [InlineData("PSI", true)]
    [InlineData("atm", false)]
    [InlineData("1", false)]
    public void PKG001_pressure_units(string text, bool ok) => Assert.Equal(ok, PackageRules.TryParseUnit(text, out _));

    [Fact]
    public void PKG003_004_013_017_texts()
    {
        Assert.Equal("12 components from 3 drawings", PackageRules.Preview(12, 3));
        Assert.Equal("5 components", PackageRules.Preview(5, null));
        Assert.Equal("Package created with 0 component(s)", PackageRules.Created(0));
        Assert.Equal("This component belongs to the package through drawing P-101. Remove the drawing instead.", PackageRules.RemoveThroughDrawing("P-101"));
        var a = Guid.NewGuid();
        Assert.Equal("From drawing P-1", PackageRules.Badge(null, a, "P-1"));
        Assert.Equal("From drawing P-1", PackageRules.Badge(a, a, "P-1"));
        Assert.Equal("Manually assigned", PackageRules.Badge(a, Guid.NewGuid(), "P-1"));
        Assert.Equal("Manually assigned", PackageRules.Badge(a, null, "P-1"));
    }

    [Fact]
    public void PKG030_spec_example()
    {
        var r = PackageReadiness.Empty.Add(100, false).Add(100, false).Add(100, false).Add(80, false).Add(0, false).Add(0, true);
        Assert.Equal(6, r.Total);
        Assert.Equal(3, r.Completed);
        Assert.Equal(63.33m, Math.Round(r.Average, 2));
        Assert.Equal(63, r.AverageDisplay);
        Assert.Equal(5, r.Testable);
        Assert.Equal(60.00m, r.TestReadyPercent);
        Assert.Equal(PackageStatus.InProgress, r.Status);
    }

    [Fact]
    public void PKG030_empty_and_all_post_hydro()
    {
        Assert.Null(PackageReadiness.Empty.TestReadyPercent);
        Assert.Equal(0m, PackageReadiness.Empty.Average);
        Assert.Equal(PackageStatus.InProgress, PackageReadiness.Empty.Status); // empty is never Ready
        var onlyPostHydro = PackageReadiness.Empty.Add(0, true);
        Assert.Equal(100m, onlyPostHydro.TestReadyPercent);
        Assert.Equal(PackageStatus.Ready, onlyPostHydro.Status);
    }

    [Fact]
    public void PKG030_test_ready_is_rounded_to_2_dp() =>
        Assert.Equal(66.67m, PackageReadiness.Empty.Add(100, false).Add(100, false).Add(10, false).TestReadyPercent);

    [Fact]
    public void PKG032_blockers_win_over_ready()
    {
        var ready = PackageReadiness.Empty.Add(100, false);
        Assert.Equal(PackageStatus.Ready, ready.Status);
        Assert.Equal(PackageStatus.Blocked, ready.Add(100, false, blockers: 1).Status);
        Assert.Equal("Blocked", PackageStatus.Blocked.Label());
    }
}
