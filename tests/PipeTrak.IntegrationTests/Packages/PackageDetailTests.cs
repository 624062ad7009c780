using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Packages;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Packages;

/// <summary>
/// PKG-034 package detail: the History tab (PKG-016 assignment entries, PKG-043 certificate, PKG-052/058
/// stage transitions and edits with who, when, before and after, newest first) and the edit form's
/// field-by-field errors (PKG-002), on both providers.
/// </summary>
public abstract class PackageDetailTests(PipeTrakFactory factory)
{
    private static string DetailUrl(TestOrg org, Guid packageId) => $"/projects/{org.ProjectId}/packages/{packageId}";

    private static async Task<Guid> CreateAsync(AppClient api, TestOrg org, string name, params Guid[] drawingIds)
    {
        var response = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/packages",
            new { name, testType = "Hydrostatic Test", testPressure = 150m, pressureUnit = "PSIG", drawingIds });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private Task<List<PackageStage>> StagesAsync(TestOrg org, Guid packageId) =>
        factory.WithDbAsync(db => db.PackageStages.AsNoTracking().Where(s => s.PackageId == packageId).OrderBy(s => s.Number).ToListAsync(), org.Id);

    private Task<TestPackage> PackageAsync(TestOrg org, Guid packageId) =>
        factory.WithDbAsync(db => db.TestPackages.AsNoTracking().SingleAsync(p => p.Id == packageId), org.Id);

    private static Dictionary<string, string> StageFields(PackageStage stage, string action) => new()
    {
        ["stageId"] = stage.Id.ToString(),
        ["version"] = stage.Version.ToString(),
        ["stageAction"] = action,
    };

    /// <summary>Each step one second later, so "newest first" has one answer.</summary>
    private void Tick() => factory.Clock.Advance(TimeSpan.FromSeconds(1));

    [Fact]
    public async Task PKG034_history_lists_this_packages_audit_entries_newest_first_with_who_and_before_after()
    {
        var org = await factory.CreateOrganizationAsync();
        var d1 = await factory.AddDrawingAsync(org, "H-1", 100, 0);
        var d2 = await factory.AddDrawingAsync(org, "H-2", 50, 50, 50);
        var other = await factory.AddDrawingAsync(org, "H-9", 10);
        using var api = await factory.ApiClientAsync(org.Owner);
        var id = await CreateAsync(api, org, "Loop H", d1.Id);
        var otherId = await CreateAsync(api, org, "Loop Other", other.Id);
        using var page = await factory.SignInAsync(org.Owner);
        var url = DetailUrl(org, id);

        Tick();
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostActionAsync(url, url + "?handler=AddDrawings", new Dictionary<string, string> { ["ids"] = d2.Id.ToString() })).StatusCode);
        Tick();
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostActionAsync(url, url + "?handler=RemoveDrawing",
            new Dictionary<string, string> { ["drawingId"] = d2.Id.ToString(), ["reason"] = "Belongs to loop J" })).StatusCode);
        Tick();
        var edited = await page.PostFormAsync(url + "?edit=details", new Dictionary<string, string>
        {
            ["Input.Name"] = "Loop H",
            ["Input.TestType"] = "Hydrostatic Test",
            ["Input.TestPressure"] = "200",
            ["Input.PressureUnit"] = "PSIG",
            ["Input.Version"] = (await PackageAsync(org, id)).Version.ToString(),
        }, "[data-testid=edit-package-form]");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Tick();
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(url, new Dictionary<string, string> { ["Certificate.Client"] = "Acme", ["submit"] = "false" }, "[data-testid=certificate-form]")).StatusCode);
        Tick();
        var stage = (await StagesAsync(org, id))[0];
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostActionAsync(url, url + "?handler=Stage", StageFields(stage, "start"))).StatusCode);
        Tick();
        stage = (await StagesAsync(org, id))[0];
        var signedOn = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostActionAsync(url, url + "?handler=SignOffs", new Dictionary<string, string>
        {
            ["stageId"] = stage.Id.ToString(),
            ["version"] = stage.Version.ToString(),
            ["signOffs[0].Role"] = "Qc",
            ["signOffs[0].Name"] = "Ann Lee",
            ["signOffs[0].Date"] = signedOn,
        })).StatusCode);
        Tick();
        stage = (await StagesAsync(org, id))[0];
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostActionAsync(url, url + "?handler=Stage", StageFields(stage, "complete"))).StatusCode);
        Assert.Equal(StageStatus.Completed, (await StagesAsync(org, id))[0].Status);

        var (response, detail) = await page.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = detail.QuerySelectorAll("#history [data-testid=history-entry]");
        Assert.Equal(
            ["stage_complete", "stage_edited", "stage_start", "certificate_created", "package_updated", "drawing_assignment_removed", "drawing_assignments_added", "package_created"],
            entries.Select(e => e.GetAttribute("data-action")));
        // Who: every entry names the owner who made it.
        Assert.All(entries, e => Assert.Equal(org.Owner.FullName, e.QuerySelector("[data-testid=history-actor]")!.TextContent.Trim()));
        Assert.All(entries, e => Assert.NotNull(e.QuerySelector("time[datetime]")));
        // Before and after.
        Assert.Equal(["Status: In progress → Completed"], Changes(entries[0]));
        Assert.Equal([$"Sign-offs: — → QC Representative: Ann Lee {signedOn}"], Changes(entries[1]));
        Assert.Equal(["Status: Not started → In progress"], Changes(entries[2]));
        Assert.Contains("Client: — → Acme", Changes(entries[3]));
        Assert.Equal(["Test pressure: 150 → 200"], Changes(entries[4]));
        Assert.Contains("Reason: Belongs to loop J", entries[5].Texts("[data-testid=history-note]"));
        Assert.Contains("3 component(s) released", entries[5].Texts("[data-testid=history-note]"));
        Assert.Contains("3 component(s) affected", entries[6].Texts("[data-testid=history-note]"));
        Assert.Equal("Created test package Loop H", entries[7].QuerySelector("[data-testid=history-summary]")!.TextContent.Trim());
        // Only this package's entries; the tab and the project activity link.
        Assert.DoesNotContain(detail.Texts("#history [data-testid=history-summary]"), s => s.Contains("Loop Other", StringComparison.Ordinal));
        Assert.NotNull(detail.QuerySelector(".package-tabs a[href='#history']"));
        Assert.Equal($"/projects/{org.ProjectId}/dashboard#dashboard-activity", detail.QuerySelector("[data-testid=project-activity-link]")!.GetAttribute("href"));

        var (_, otherDetail) = await page.GetPageAsync(DetailUrl(org, otherId));
        Assert.Equal(["package_created"], otherDetail.QuerySelectorAll("#history [data-testid=history-entry]").Select(e => e.GetAttribute("data-action")));
    }

    [Fact]
    public async Task PKG034_history_of_another_organizations_package_is_not_found()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        var id = await CreateAsync(api, org, "Loop Private");
        var intruder = await factory.CreateOrganizationAsync();
        using var page = await factory.SignInAsync(intruder.Owner);
        var (response, _) = await page.GetPageAsync(DetailUrl(org, id));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PKG002_edit_errors_are_shown_next_to_each_field_with_the_input_kept()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        var id = await CreateAsync(api, org, "Loop A");
        await CreateAsync(api, org, "Loop B");
        using var page = await factory.SignInAsync(org.Owner);
        var url = DetailUrl(org, id);
        var version = (await PackageAsync(org, id)).Version.ToString();

        async Task<IHtmlDocument> RefusedAsync(Dictionary<string, string> fields)
        {
            fields["Input.Version"] = version;
            var response = await page.PostFormAsync(url + "?edit=details", fields, "[data-testid=edit-package-form]");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var document = await response.DocumentAsync();
            Assert.NotNull(document.QuerySelector("[data-testid=edit-package-form]"));
            return document;
        }

        // Empty name: the message under the name, the description typed is kept.
        var empty = await RefusedAsync(new() { ["Input.Name"] = "  ", ["Input.Description"] = "North rack", ["Input.TestType"] = "Hydrostatic Test", ["Input.TestPressure"] = "150" });
        Assert.Equal(PackageRules.NameEmptyMessage, Error(empty, "Name"));
        Assert.Contains("is-invalid", empty.QuerySelector("#edit-name")!.ClassName, StringComparison.Ordinal);
        Assert.Equal("North rack", Value(empty, "#edit-description"));
        Assert.Equal("", Error(empty, "TestPressure"));

        // Not unique (any case): the name typed is kept.
        var taken = await RefusedAsync(new() { ["Input.Name"] = "loop b", ["Input.TestType"] = "Hydrostatic Test", ["Input.TestPressure"] = "150" });
        Assert.Equal(PackageRules.NameTakenMessage, Error(taken, "Name"));
        Assert.Equal("loop b", Value(taken, "#edit-name"));

        // Test pressure is required for Hydrostatic and Pneumatic, and must be above 0 for the others.
        var hydro = await RefusedAsync(new() { ["Input.Name"] = "Loop A2", ["Input.TestType"] = "Hydrostatic Test" });
        Assert.Equal("Test pressure is required and must be greater than 0 for Hydrostatic Test tests", Error(hydro, "TestPressure"));
        Assert.Equal("Loop A2", Value(hydro, "#edit-name"));
        var pneumatic = await RefusedAsync(new() { ["Input.Name"] = "Loop A", ["Input.TestType"] = "Pneumatic Test", ["Input.TestPressure"] = "0" });
        Assert.Equal("Test pressure is required and must be greater than 0 for Pneumatic Test tests", Error(pneumatic, "TestPressure"));
        Assert.Equal("Pneumatic Test", pneumatic.QuerySelector<IHtmlSelectElement>("#edit-type")!.Value);
        var leak = await RefusedAsync(new() { ["Input.Name"] = "Loop A", ["Input.TestType"] = "Sensitive Leak Test", ["Input.TestPressure"] = "-5" });
        Assert.Equal(PackageRules.PressurePositiveMessage, Error(leak, "TestPressure"));

        // Other needs its description; a long description is refused; both at once, each at its field.
        var otherType = await RefusedAsync(new() { ["Input.Name"] = "Loop A", ["Input.TestType"] = "Other", ["Input.Description"] = new string('d', 101) });
        Assert.Equal(PackageRules.OtherDescriptionMessage, Error(otherType, "OtherDescription"));
        Assert.Equal(PackageRules.DescriptionMessage, Error(otherType, "Description"));
        var badType = await RefusedAsync(new() { ["Input.Name"] = "Loop A", ["Input.TestType"] = "Smoke Test" });
        Assert.Equal(PackageRules.TestTypeMessage, Error(badType, "TestType"));

        // Nothing was saved.
        var stored = await PackageAsync(org, id);
        Assert.Equal("Loop A", stored.Name);
        Assert.Equal(TestType.Hydrostatic, stored.TestType);
        Assert.Equal(150m, stored.TestPressure);

        // A valid edit still saves and redirects.
        var saved = await page.PostFormAsync(url + "?edit=details", new Dictionary<string, string>
        {
            ["Input.Name"] = "Loop A1",
            ["Input.TestType"] = "Hydrostatic Test",
            ["Input.TestPressure"] = "175",
            ["Input.Version"] = version,
        }, "[data-testid=edit-package-form]");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Loop A1", (await PackageAsync(org, id)).Name);
    }

    [Fact]
    public async Task PKG051_flag_refusal_after_the_stage_started_is_shown_at_the_flag()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        var id = await CreateAsync(api, org, "Loop C");
        var url = DetailUrl(org, id);
        using var page = await factory.SignInAsync(org.Owner);
        // Walk to Final in progress: every earlier stage skipped.
        foreach (var stage in (await StagesAsync(org, id)).Where(s => s.Kind != StageKind.Final))
        {
            var fields = StageFields(stage, "skip");
            fields["reason"] = "Not needed for this loop";
            Assert.Equal(HttpStatusCode.Redirect, (await page.PostActionAsync(url, url + "?handler=Stage", fields)).StatusCode);
        }
        var final = (await StagesAsync(org, id)).Single(s => s.Kind == StageKind.Final);
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostActionAsync(url, url + "?handler=Stage", StageFields(final, "start"))).StatusCode);

        var response = await page.PostFormAsync(url + "?edit=details", new Dictionary<string, string>
        {
            ["Input.Name"] = "Loop C",
            ["Input.TestType"] = "Hydrostatic Test",
            ["Input.TestPressure"] = "150",
            ["Input.RequiresInsulation"] = "true",
            ["Input.Version"] = (await PackageAsync(org, id)).Version.ToString(),
        }, "[data-testid=edit-package-form]");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var document = await response.DocumentAsync();
        Assert.Equal(Workflow.StageStartedMessage, Error(document, "RequiresInsulation"));
        Assert.True(document.QuerySelector<IHtmlInputElement>("#edit-insulation")!.IsChecked);
        Assert.False((await PackageAsync(org, id)).RequiresInsulation);
    }

    private static string Error(IHtmlDocument document, string field) =>
        document.QuerySelector($"[data-testid=edit-package-form] [data-testid=error-{field}]")!.TextContent.Trim();

    private static string? Value(IHtmlDocument document, string selector) => document.QuerySelector<IHtmlInputElement>(selector)?.Value;

    private static List<string> Changes(IElement entry) =>
        [.. entry.QuerySelectorAll("[data-testid=history-change]").Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))];
}

[Collection(SqliteCollection.Name)]
public sealed class PackageDetailTests_Sqlite(SqliteFactory factory) : PackageDetailTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PackageDetailTests_Postgres(PostgresFactory factory) : PackageDetailTests(factory);
