using PipeTrak.Web.Features.Packages;

namespace PipeTrak.Tests.Packages;

/// <summary>PKG-034 History tab: how an audit entry's details read as before → after changes and notes (PKG-016/043/058).</summary>
public sealed class PackageHistoryTests
{
    private static List<string> Changes(string action, string details) =>
        [.. PackageHistory.Describe(action, details).Changes.Select(c => $"{c.Field}: {c.Before} → {c.After}")];

    private static IReadOnlyList<string> Notes(string action, string details) => PackageHistory.Describe(action, details).Notes;

    [Fact]
    public void PKG052_a_stage_transition_reads_as_a_status_change_with_labels() =>
        Assert.Equal(["Status: Not started → In progress"], Changes("stage_start", """{"packageId":"x","stage":"Pre-Hydro Acceptance","before":"NotStarted","after":"InProgress","reason":null}"""));

    [Fact]
    public void PKG057_a_skip_keeps_its_reason_as_a_note()
    {
        const string details = """{"before":"InProgress","after":"Skipped","reason":"No drain needed"}""";
        Assert.Equal(["Status: In progress → Skipped"], Changes("stage_skip", details));
        Assert.Equal(["Reason: No drain needed"], Notes("stage_skip", details));
    }

    [Fact]
    public void PKG004_an_edit_lists_only_the_changed_fields_with_labels_and_normalized_numbers() =>
        Assert.Equal(
            ["Test type: Hydrostatic Test → Pneumatic Test", "Test pressure: 150 → 200", "Target date: — → 2026-12-24"],
            Changes("package_updated", """
                {"Id":"x","before":{"Name":"A","Description":"","testType":"Hydrostatic","RequiresCoating":false,"TestPressure":150.000,"TargetDate":null},
                 "after":{"Name":"A","Description":"","testType":"Pneumatic","RequiresCoating":false,"TestPressure":200,"TargetDate":"2026-12-24"}}
                """));

    [Fact]
    public void PKG058_a_sign_off_edit_reads_with_role_labels_and_ignores_blank_rows_and_unchanged_data() =>
        Assert.Equal(
            ["Sign-offs: QC Representative: Ann Lee 2026-12-01 → QC Representative: Bo Park 2026-12-02; Client Representative: Cy Diaz 2026-12-02"],
            Changes("stage_edited", """
                {"before":{"data":"{\"gauge\":\"G-1\"}","signOffs":[{"role":"Qc","Name":"Ann Lee","Date":"2026-12-01"}]},
                 "after":{"data":"{\"gauge\":\"G-1\"}","signOffs":[{"Role":"Qc","Name":"Bo Park","Date":"2026-12-02"},{"Role":"Client","Name":"Cy Diaz","Date":"2026-12-02"},{"Role":"Manufacturer","Name":"","Date":null}]}}
                """));

    [Fact]
    public void PKG058_a_data_only_edit_does_not_report_the_sign_offs_it_did_not_send() =>
        Assert.Equal(
            ["Data: Gauge: G-1 → Gauge: G-2"],
            Changes("stage_edited", """
                {"before":{"data":"{\"gauge\":\"G-1\"}","signOffs":[{"role":"Qc","Name":"Ann Lee","Date":"2026-12-01"}]},
                 "after":{"data":"{\"gauge\":\"G-2\"}","signOffs":null}}
                """));

    [Fact]
    public void PKG043_a_new_certificate_lists_the_values_given()
    {
        var changes = Changes("certificate_created", """{"packageId":"x","Number":"PKG-001","before":null,"after":{"Client":"Acme","ClientSpec":null,"pressureUnit":"PSIG","status":"Draft"}}""");
        Assert.Equal(["Client: — → Acme", "Pressure unit: — → PSIG", "Status: — → Draft"], changes);
    }

    [Fact]
    public void PKG016_assignment_entries_note_their_counts_and_reason()
    {
        Assert.Equal(["3 component(s) affected"], Notes("drawing_assignments_added", """{"packageId":"x","drawings":["a"],"componentsAffected":3}"""));
        Assert.Equal(["2 component(s) released", "Reason: Wrong loop"], Notes("drawing_assignment_removed", """{"packageId":"x","Number":"P-1","componentsReleased":2,"reason":"Wrong loop"}"""));
        Assert.Empty(Changes("drawing_assignments_added", """{"packageId":"x","drawings":["a"],"componentsAffected":3}"""));
    }

    [Fact]
    public void Details_that_are_missing_or_not_json_give_nothing()
    {
        Assert.Empty(PackageHistory.Describe("package_created", null).Changes);
        Assert.Empty(PackageHistory.Describe("package_created", "not json").Notes);
    }

    [Theory]
    [InlineData("TestPressure", "Test pressure")]
    [InlineData("testType", "Test type")]
    [InlineData("signOffs", "Sign-offs")]
    [InlineData("Client", "Client")]
    public void Field_labels_read_as_words(string name, string label) => Assert.Equal(label, PackageHistory.FieldLabel(name));
}
