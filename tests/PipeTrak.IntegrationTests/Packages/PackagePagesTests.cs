using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Team;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Packages;

/// <summary>PKG-034 packages pages: list, new package form, detail with workflow, on both providers.</summary>
public abstract class PackagePagesTests(PipeTrakFactory factory)
{
    private static string ListUrl(TestOrg org) => $"/projects/{org.ProjectId}/packages";

    private static async Task<Guid> CreateAsync(AppClient api, TestOrg org, string name, string testType = "In-service Test", params Guid[] drawingIds)
    {
        var response = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/packages",
            new { name, testType, testPressure = testType == "Hydrostatic Test" ? 150m : (decimal?)null, pressureUnit = "PSIG", drawingIds });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private Task<List<PackageStage>> StagesAsync(TestOrg org, Guid packageId) =>
        factory.WithDbAsync(db => db.PackageStages.AsNoTracking().Where(s => s.PackageId == packageId).OrderBy(s => s.Number).ToListAsync(), org.Id);

    /// <summary>The hidden fields of a stage action form (the test client posts only the fields it is given).</summary>
    private static Dictionary<string, string> StageFields(PackageStage stage, string action) => new()
    {
        ["stageId"] = stage.Id.ToString(),
        ["version"] = stage.Version.ToString(),
        ["stageAction"] = action,
    };

    [Fact]
    public async Task PKG034_list_shows_cards_and_filters_searches_and_sorts_from_the_url()
    {
        var org = await factory.CreateOrganizationAsync();
        var done = await factory.AddDrawingAsync(org, "L-1", 100, 100);
        var half = await factory.AddDrawingAsync(org, "L-2", 50);
        using var api = await factory.ApiClientAsync(org.Owner);
        await CreateAsync(api, org, "HT-10", drawingIds: [done.Id]);
        await CreateAsync(api, org, "HT-2", drawingIds: [half.Id]);
        await CreateAsync(api, org, "Empty loop");
        using var page = await factory.SignInAsync(org.Owner);

        var (response, all) = await page.GetPageAsync(ListUrl(org));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Empty loop", "HT-2", "HT-10"], all.Texts("[data-testid=package-name]"));
        Assert.Equal(["In progress", "In progress", "Ready"], all.Texts("[data-testid=package-status]"));
        Assert.Equal("No components assigned", all.QuerySelector("[data-testid=package-no-members]")!.TextContent.Trim());
        Assert.Contains("No target date", all.QuerySelector("[data-testid=package-card]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(all.QuerySelector("[data-testid=new-package]"));
        Assert.NotEmpty(all.QuerySelectorAll("[data-testid=package-manhours]"));

        var (_, ready) = await page.GetPageAsync(ListUrl(org) + "?filter=ready");
        Assert.Equal(["HT-10"], ready.Texts("[data-testid=package-name]"));

        var (_, searched) = await page.GetPageAsync(ListUrl(org) + "?search=ht&sort=progress");
        Assert.Equal(["HT-10", "HT-2"], searched.Texts("[data-testid=package-name]"));

        var (_, none) = await page.GetPageAsync(ListUrl(org) + "?search=zzz");
        Assert.Equal("No test packages found", none.QuerySelector("[data-testid=packages-empty]")!.TextContent.Trim());

        // A foreman sees the cards but neither the New package button nor manhours (TRK-090).
        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "foreman");
        using var foremanPage = await factory.SignInAsync(foreman);
        var (_, foremanList) = await foremanPage.GetPageAsync(ListUrl(org));
        Assert.Equal(3, foremanList.QuerySelectorAll("[data-testid=package-card]").Length);
        Assert.Null(foremanList.QuerySelector("[data-testid=new-package]"));
        Assert.Empty(foremanList.QuerySelectorAll("[data-testid=package-manhours]"));
    }

    [Fact]
    public async Task PKG002_004_new_package_form_with_drawings_creates_and_detail_shows_the_components()
    {
        var org = await factory.CreateOrganizationAsync();
        var d1 = await factory.AddDrawingAsync(org, "N-1", 100, 0);
        var d2 = await factory.AddDrawingAsync(org, "N-2", 100);
        using var page = await factory.SignInAsync(org.Owner);
        var newUrl = ListUrl(org) + "/new";

        var (_, form) = await page.GetPageAsync(newUrl);
        Assert.Equal(["N-1", "N-2"], form.QuerySelectorAll("[data-testid=candidate-drawings] strong").Select(e => e.TextContent.Trim()));

        var invalid = await page.PostFormAsync(newUrl, new Dictionary<string, string> { ["Input.Name"] = " ", ["Input.TestType"] = "Hydrostatic Test", ["Tab"] = "drawings" }, "[data-testid=new-package-form]");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var errors = await invalid.DocumentAsync();
        Assert.Equal(PackageRules.NameEmptyMessage, errors.QuerySelector("[data-testid=error-Name]")!.TextContent.Trim());

        var created = await page.PostFormAsync(newUrl, new Dictionary<string, string>
        {
            ["Input.Name"] = "Loop 7",
            ["Input.TestType"] = "Hydrostatic Test",
            ["Input.TestPressure"] = "150",
            ["Input.PressureUnit"] = "PSIG",
            ["Tab"] = "drawings",
            ["DrawingIds[0]"] = d1.Id.ToString(),
            ["DrawingIds[1]"] = d2.Id.ToString(),
        }, "[data-testid=new-package-form]");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (_, detail) = await page.GetPageAsync(created.Location());
        Assert.Equal("Loop 7", detail.QuerySelector("[data-testid=package-title]")!.TextContent.Trim());
        Assert.Equal("3 components", detail.QuerySelector("[data-testid=package-components]")!.TextContent.Trim());
        Assert.All(detail.Texts("[data-testid=member-badge]"), b => Assert.StartsWith("From drawing N-", b, StringComparison.Ordinal));
        Assert.Equal(5, detail.QuerySelectorAll("[data-testid=stage]").Length);

        // The drawings now belong to a package, so the form no longer offers them (PKG-012).
        var (_, after) = await page.GetPageAsync(newUrl);
        Assert.Null(after.QuerySelector("[data-testid=candidate-drawings]"));
    }

    [Fact]
    public async Task PKG053_out_of_order_stage_action_shows_the_refusal_message()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        var id = await CreateAsync(api, org, "Hydro A", "Hydrostatic Test");
        var stages = await StagesAsync(org, id);
        using var page = await factory.SignInAsync(org.Owner);
        var url = $"{ListUrl(org)}/{id}";

        var refused = await page.PostActionAsync(url, url + "?handler=Stage",
            new Dictionary<string, string> { ["stageId"] = stages[1].Id.ToString(), ["stageAction"] = "start", ["version"] = stages[1].Version.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var (_, shown) = await page.GetPageAsync(url);
        Assert.Equal(Workflow.StartOutOfOrderMessage, shown.QuerySelector("[data-testid=package-error]")!.TextContent.Trim());
        Assert.Equal(StageStatus.NotStarted, (await StagesAsync(org, id))[1].Status);

        var started = await page.PostFormAsync(url, StageFields(stages[0], "start"), "[data-testid=stage-actions] form");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(StageStatus.InProgress, (await StagesAsync(org, id))[0].Status);
    }

    [Fact]
    public async Task PKG061_foreman_sees_no_stage_buttons_and_a_forced_stage_post_is_refused()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        var id = await CreateAsync(api, org, "Hydro F", "Hydrostatic Test");
        var stages = await StagesAsync(org, id);
        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "foreman");
        using var page = await factory.SignInAsync(foreman);
        var url = $"{ListUrl(org)}/{id}";

        var (response, document) = await page.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(document.QuerySelectorAll("[data-testid=stage-actions]"));
        Assert.Null(document.QuerySelector("[data-testid=signoffs-form]"));
        Assert.Null(document.QuerySelector("[data-testid=delete-package-form]"));
        Assert.Null(document.QuerySelector("[data-testid=edit-package]"));

        var forced = await page.PostActionAsync(url, url + "?handler=Stage",
            new Dictionary<string, string> { ["stageId"] = stages[0].Id.ToString(), ["stageAction"] = "start" });
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);
        Assert.Equal(StageStatus.NotStarted, (await StagesAsync(org, id))[0].Status);
    }

    [Fact]
    public async Task PKG054_in_service_package_walks_to_final_after_three_sign_offs()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org, "S-1", 100);
        using var api = await factory.ApiClientAsync(org.Owner);
        var id = await CreateAsync(api, org, "In service 1", drawingIds: [drawing.Id]);
        using var page = await factory.SignInAsync(org.Owner);
        var url = $"{ListUrl(org)}/{id}";

        var (_, before) = await page.GetPageAsync(url);
        Assert.Equal(["Final Package Acceptance"], before.Texts("[data-testid=stage-name]"));
        Assert.StartsWith("DRAFT", before.QuerySelector("[data-testid=package-state]")!.TextContent.Trim(), StringComparison.Ordinal);

        // Completing without sign-offs is refused with the missing roles.
        var stage = (await StagesAsync(org, id)).Single();
        await page.PostFormAsync(url, StageFields(stage, "complete"), "[data-testid=stage-actions] form");
        var (_, missing) = await page.GetPageAsync(url);
        Assert.NotNull(missing.QuerySelector("[data-testid=package-error]"));

        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var signed = await page.PostFormAsync(url, new Dictionary<string, string>
        {
            ["stageId"] = stage.Id.ToString(),
            ["signOffs[0].Role"] = "Qc",
            ["signOffs[0].Name"] = "Quinn QC",
            ["signOffs[0].Date"] = today,
            ["signOffs[1].Role"] = "Client",
            ["signOffs[1].Name"] = "Cleo Client",
            ["signOffs[1].Date"] = today,
            ["signOffs[2].Role"] = "Manufacturer",
            ["signOffs[2].Name"] = "Max Maker",
            ["signOffs[2].Date"] = today,
        }, "[data-testid=signoffs-form]");
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var (_, afterSign) = await page.GetPageAsync(url);
        Assert.Null(afterSign.QuerySelector("[data-testid=package-error]"));

        var signedStage = (await StagesAsync(org, id)).Single();
        var completed = await page.PostFormAsync(url, StageFields(signedStage, "complete"), "[data-testid=stage-actions] form");
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        var (_, final) = await page.GetPageAsync(url);
        Assert.Null(final.QuerySelector("[data-testid=package-error]"));
        Assert.Equal("FINAL", final.QuerySelector("[data-testid=package-state]")!.TextContent.Trim());
        Assert.Equal(["Completed"], final.Texts("[data-testid=stage-status]"));
    }

    [Fact]
    public async Task PKG041_043_certificate_form_saves_a_draft_then_submits_and_starts_the_first_stage()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        var id = await CreateAsync(api, org, "Hydro C", "Hydrostatic Test");
        using var page = await factory.SignInAsync(org.Owner);
        var url = $"{ListUrl(org)}/{id}";

        var draft = await page.PostFormAsync(url, new Dictionary<string, string> { ["Certificate.Client"] = "Acme", ["submit"] = "false" }, "[data-testid=certificate-form]");
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        var (_, saved) = await page.GetPageAsync(url);
        Assert.Null(saved.QuerySelector("[data-testid=package-error]"));
        Assert.StartsWith("PKG-", saved.QuerySelector("[data-testid=certificate-number]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Draft", saved.QuerySelector("[data-testid=certificate-status]")!.TextContent.Trim());
        Assert.Null(saved.QuerySelector("[data-testid=certificate-form]"));

        var submitted = await page.PostFormAsync(url + "?edit=certificate", new Dictionary<string, string>
        {
            ["Certificate.Client"] = "Acme",
            ["Certificate.TestPressure"] = "150",
            ["Certificate.PressureUnit"] = "PSIG",
            ["Certificate.TestMedia"] = "Water",
            ["Certificate.Temperature"] = "70",
            ["Certificate.TemperatureUnit"] = "F",
            ["submit"] = "true",
        }, "[data-testid=certificate-form]");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var (_, done) = await page.GetPageAsync(url);
        Assert.Null(done.QuerySelector("[data-testid=package-error]"));
        Assert.Equal(StageStatus.InProgress, (await StagesAsync(org, id))[0].Status);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PackagePagesTests_Sqlite(SqliteFactory factory) : PackagePagesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PackagePagesTests_Postgres(PostgresFactory factory) : PackagePagesTests(factory);
