using System.Net;
using System.Text.Json;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Rollups;
using PipeTrak.Web.Features.Team;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Drawings;

/// <summary>Drawing list, detail, edit, bulk assign, retire and restore through /api/v1 (TRK-014, 050, 055, 060..063, 073, 074, 078).</summary>
public abstract class DrawingApiTests(PipeTrakFactory factory)
{
    private static string Base(TestOrg org) => $"/api/v1/projects/{org.ProjectId}/drawings";

    private static async Task<JsonElement> GetJsonAsync(AppClient api, string url)
    {
        var response = await api.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static List<string> Numbers(JsonElement list) =>
        [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()!)];

    [Fact]
    public async Task TRK014_list_pages_in_natural_number_order()
    {
        var org = await factory.CreateOrganizationAsync();
        foreach (var n in Enumerable.Range(1, 25).OrderBy(_ => Guid.NewGuid()))
        {
            await factory.AddDrawingAsync(org, $"P-{n}");
        }
        using var api = await factory.ApiClientAsync(org.Owner);

        var first = await GetJsonAsync(api, $"{Base(org)}?pageSize=10");
        Assert.Equal(25, first.GetProperty("total").GetInt32());
        Assert.Equal(3, first.GetProperty("pageCount").GetInt32());
        Assert.Equal([.. Enumerable.Range(1, 10).Select(n => $"P-{n}")], Numbers(first));
        var last = await GetJsonAsync(api, $"{Base(org)}?pageSize=10&page=3");
        Assert.Equal([.. Enumerable.Range(21, 5).Select(n => $"P-{n}")], Numbers(last));
        var descending = await GetJsonAsync(api, $"{Base(org)}?pageSize=3&sort=-number");
        Assert.Equal(["P-25", "P-24", "P-23"], Numbers(descending));
    }

    [Fact]
    public async Task TRK014_search_matches_the_normalized_number_or_the_title_ignoring_case()
    {
        var org = await factory.CreateOrganizationAsync();
        await factory.AddDrawingAsync(org, "P-100  01of02", "Cooling water header");
        await factory.AddDrawingAsync(org, "P-200", "Steam tracing");
        await factory.AddDrawingAsync(org, "X-300", "Cooling tower return");
        using var api = await factory.ApiClientAsync(org.Owner);

        // The written form is kept for display (TRK-014).
        Assert.Equal(["P-100  01of02"], Numbers(await GetJsonAsync(api, $"{Base(org)}?search=" + Uri.EscapeDataString(" p-100   01OF02"))));
        Assert.Equal(["P-100  01of02", "X-300"], Numbers(await GetJsonAsync(api, $"{Base(org)}?search=cooling")));
        Assert.Empty(Numbers(await GetJsonAsync(api, $"{Base(org)}?search=nothing-like-this")));
    }

    [Fact]
    public async Task Filters_by_area_system_package_and_not_assigned()
    {
        var org = await factory.CreateOrganizationAsync();
        var area = await factory.AddAreaAsync(org, "Area 10");
        var system = await factory.AddSystemAsync(org, "Cooling");
        var package = await factory.AddPackageAsync(org, "TP-01");
        await factory.AddDrawingAsync(org, "D-1", areaId: area, systemId: system);
        await factory.AddDrawingAsync(org, "D-2", areaId: area, packageId: package);
        await factory.AddDrawingAsync(org, "D-3");
        using var api = await factory.ApiClientAsync(org.Owner);

        Assert.Equal(["D-1", "D-2"], Numbers(await GetJsonAsync(api, $"{Base(org)}?area={area}")));
        Assert.Equal(["D-1"], Numbers(await GetJsonAsync(api, $"{Base(org)}?area={area}&system={system}")));
        Assert.Equal(["D-2"], Numbers(await GetJsonAsync(api, $"{Base(org)}?package={package}")));
        Assert.Equal(["D-3"], Numbers(await GetJsonAsync(api, $"{Base(org)}?area=none")));
        Assert.Equal(["D-1", "D-3"], Numbers(await GetJsonAsync(api, $"{Base(org)}?package=none")));
    }

    [Fact]
    public async Task TRK050_status_filters_use_the_rollup_thresholds_and_leave_retired_components_out()
    {
        var org = await factory.CreateOrganizationAsync();
        var empty = await factory.AddDrawingAsync(org, "S-1");
        var zero = await factory.AddDrawingAsync(org, "S-2");
        await factory.AddComponentOnAsync(org, zero.Id, 0m);
        await factory.AddComponentOnAsync(org, zero.Id, 0m);
        var started = await factory.AddDrawingAsync(org, "S-3");
        await factory.AddComponentOnAsync(org, started.Id, 0.01m);
        await factory.AddComponentOnAsync(org, started.Id, 0m);
        var almost = await factory.AddDrawingAsync(org, "S-4");
        await factory.AddComponentOnAsync(org, almost.Id, 100m);
        await factory.AddComponentOnAsync(org, almost.Id, 99.99m);
        var done = await factory.AddDrawingAsync(org, "S-5");
        await factory.AddComponentOnAsync(org, done.Id, 100m);
        await factory.AddComponentOnAsync(org, done.Id, 0m, retired: true);
        using var api = await factory.ApiClientAsync(org.Owner);

        Assert.Equal(["S-1", "S-2"], Numbers(await GetJsonAsync(api, $"{Base(org)}?status=not_started")));
        Assert.Equal(["S-3", "S-4"], Numbers(await GetJsonAsync(api, $"{Base(org)}?status=in_progress")));
        Assert.Equal(["S-5"], Numbers(await GetJsonAsync(api, $"{Base(org)}?status=complete")));
        // The filter agrees with the status each row reports.
        var all = await GetJsonAsync(api, Base(org));
        var statuses = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("rollup").GetProperty("status").GetString()).ToList();
        Assert.Equal(["not_started", "not_started", "in_progress", "in_progress", "complete"], statuses);
    }

    [Fact]
    public async Task TRK050_055_rollup_equals_a_recomputation_from_the_component_rows()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org, "R-1");
        decimal[] percents = [100m, 47.5m, 0m, 33.33m];
        foreach (var percent in percents)
        {
            await factory.AddComponentOnAsync(org, drawing.Id, percent);
        }
        await factory.AddComponentOnAsync(org, drawing.Id, 100m, retired: true);
        using var api = await factory.ApiClientAsync(org.Owner);

        var json = await GetJsonAsync(api, $"{Base(org)}/{drawing.Id}");
        var rollup = json.GetProperty("rollup");
        var components = await factory.ComponentsOnAsync(org, drawing.Id);
        var live = components.Where(c => c.RetiredAt == null).ToList();
        var average = live.Average(c => c.Percent);
        var expected = $"{live.Count(c => c.Percent >= 100m)}/{live.Count} • {ProgressRules.Display(average)}%";
        Assert.Equal(expected, rollup.GetProperty("display").GetString());
        Assert.Equal("1/4 • 45%", rollup.GetProperty("display").GetString());
        Assert.Equal(average, rollup.GetProperty("average").GetDecimal());
        Assert.Equal(new RollupFigures(4, 1, 18083).Display, rollup.GetProperty("display").GetString());
    }

    [Fact]
    public async Task TRK073_edit_propagates_changed_fields_to_live_components_and_reports_counts()
    {
        var org = await factory.CreateOrganizationAsync();
        var oldArea = await factory.AddAreaAsync(org, "Old area");
        var newArea = await factory.AddAreaAsync(org, "New area");
        var system = await factory.AddSystemAsync(org, "Steam");
        var drawing = await factory.AddDrawingAsync(org, "E-1", areaId: oldArea, systemId: system);
        var same = await factory.AddComponentOnAsync(org, drawing.Id, areaId: newArea, systemId: system);
        var different = await factory.AddComponentOnAsync(org, drawing.Id, areaId: oldArea, systemId: null);
        var none = await factory.AddComponentOnAsync(org, drawing.Id);
        var retired = await factory.AddComponentOnAsync(org, drawing.Id, retired: true, areaId: oldArea);
        using var api = await factory.ApiClientAsync(org.Owner);

        var response = await api.SendJsonAsync(HttpMethod.Patch, $"{Base(org)}/{drawing.Id}",
            new { title = "Main steam", area = newArea.ToString(), package = "none", version = drawing.Version });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.True(json.GetProperty("drawingUpdated").GetBoolean());
        var counts = json.GetProperty("componentsUpdated");
        Assert.Equal(2, counts.GetProperty("area").GetInt32());
        Assert.Equal(0, counts.GetProperty("system").GetInt32());
        Assert.Equal(0, counts.GetProperty("package").GetInt32());
        Assert.Equal("Main steam", json.GetProperty("drawing").GetProperty("title").GetString());
        Assert.Equal("New area", json.GetProperty("drawing").GetProperty("area").GetProperty("name").GetString());

        var stored = (await factory.ComponentsOnAsync(org, drawing.Id)).ToDictionary(c => c.Id);
        Assert.All(new[] { same.Id, different.Id, none.Id }, id => Assert.Equal(newArea, stored[id].AreaId));
        Assert.Equal(oldArea, stored[retired.Id].AreaId);
        // System did not change: components keep their own values (TRK-073 "unchanged fields are untouched").
        Assert.Equal(system, stored[same.Id].SystemId);
        Assert.Null(stored[different.Id].SystemId);
        Assert.NotEqual(different.Version, stored[different.Id].Version);
        Assert.Equal(same.Version, stored[same.Id].Version);
    }

    [Fact]
    public async Task TRK073_clearing_a_field_writes_none_to_every_live_component()
    {
        var org = await factory.CreateOrganizationAsync();
        var package = await factory.AddPackageAsync(org, "TP-9");
        var other = await factory.AddPackageAsync(org, "TP-10");
        var drawing = await factory.AddDrawingAsync(org, "E-2", packageId: package);
        await factory.AddComponentOnAsync(org, drawing.Id, packageId: package);
        await factory.AddComponentOnAsync(org, drawing.Id, packageId: other);
        await factory.AddComponentOnAsync(org, drawing.Id);
        using var api = await factory.ApiClientAsync(org.Owner);

        var json = await (await api.SendJsonAsync(HttpMethod.Patch, $"{Base(org)}/{drawing.Id}", new { package = "none", version = drawing.Version })).JsonAsync();
        Assert.Equal(2, json.GetProperty("componentsUpdated").GetProperty("package").GetInt32());
        Assert.All(await factory.ComponentsOnAsync(org, drawing.Id), c => Assert.Null(c.PackageId));
        Assert.Null((await factory.DrawingAsync(org, drawing.Id)).PackageId);
    }

    [Fact]
    public async Task TRK078_a_stale_version_answers_409_with_the_current_drawing_and_changes_nothing()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org, "C-1", "First");
        using var api = await factory.ApiClientAsync(org.Owner);
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Patch, $"{Base(org)}/{drawing.Id}", new { title = "Second", version = drawing.Version })).StatusCode);

        var stale = await api.SendJsonAsync(HttpMethod.Patch, $"{Base(org)}/{drawing.Id}", new { title = "Third", version = drawing.Version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.JsonAsync();
        Assert.Equal("This drawing was changed by someone else. Review the current values and try again.", problem.GetProperty("detail").GetString());
        Assert.Equal("Second", problem.GetProperty("current").GetProperty("title").GetString());
        Assert.Equal("Second", (await factory.DrawingAsync(org, drawing.Id)).Title);
    }

    [Fact]
    public async Task TRK074_bulk_assign_applies_value_none_and_no_change_per_field_in_one_go()
    {
        var org = await factory.CreateOrganizationAsync();
        var area = await factory.AddAreaAsync(org, "Area B");
        var system = await factory.AddSystemAsync(org, "Sys B");
        var package = await factory.AddPackageAsync(org, "TP-B");
        var d1 = await factory.AddDrawingAsync(org, "B-1", systemId: system, packageId: package);
        var d2 = await factory.AddDrawingAsync(org, "B-2", areaId: area, systemId: system, packageId: package);
        var untouched = await factory.AddDrawingAsync(org, "B-3", systemId: system);
        await factory.AddComponentOnAsync(org, d1.Id, systemId: system, packageId: package);
        await factory.AddComponentOnAsync(org, d1.Id, systemId: system);
        await factory.AddComponentOnAsync(org, d2.Id, areaId: area, packageId: package);
        var outside = await factory.AddComponentOnAsync(org, untouched.Id, systemId: system);
        using var api = await factory.ApiClientAsync(org.Owner);

        var response = await api.SendJsonAsync(HttpMethod.Post, $"{Base(org)}/bulk-assign",
            new { drawingIds = new[] { d1.Id, d2.Id }, area = area.ToString(), system = "none", package = "no_change" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal(2, json.GetProperty("drawingsUpdated").GetInt32());
        Assert.Equal(1, json.GetProperty("drawingsPerField").GetProperty("area").GetInt32());
        Assert.Equal(2, json.GetProperty("drawingsPerField").GetProperty("system").GetInt32());
        Assert.Equal(0, json.GetProperty("drawingsPerField").GetProperty("package").GetInt32());
        Assert.Equal(2, json.GetProperty("componentsUpdated").GetProperty("area").GetInt32());
        Assert.Equal(2, json.GetProperty("componentsUpdated").GetProperty("system").GetInt32());
        Assert.Equal(0, json.GetProperty("componentsUpdated").GetProperty("package").GetInt32());

        var after1 = await factory.DrawingAsync(org, d1.Id);
        Assert.Equal((area, (Guid?)null, package), (after1.AreaId!.Value, after1.SystemId, after1.PackageId!.Value));
        Assert.All(await factory.ComponentsOnAsync(org, d1.Id), c => Assert.Equal((area, (Guid?)null), (c.AreaId!.Value, c.SystemId)));
        // No change: the package stays as it was on drawing and components.
        Assert.Single(await factory.ComponentsOnAsync(org, d1.Id), c => c.PackageId == package);
        Assert.Equal(system, (await factory.DrawingAsync(org, untouched.Id)).SystemId);
        Assert.Equal(system, (await factory.ComponentsOnAsync(org, untouched.Id)).Single(c => c.Id == outside.Id).SystemId);
    }

    [Fact]
    public async Task TRK074_more_than_50_drawings_are_refused_and_nothing_changes()
    {
        var org = await factory.CreateOrganizationAsync();
        var area = await factory.AddAreaAsync(org, "Area 51");
        var ids = new List<Guid>();
        for (var i = 1; i <= 51; i++)
        {
            ids.Add((await factory.AddDrawingAsync(org, $"M-{i}")).Id);
        }
        using var api = await factory.ApiClientAsync(org.Owner);

        var response = await api.SendJsonAsync(HttpMethod.Post, $"{Base(org)}/bulk-assign", new { drawingIds = ids, area = area.ToString() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Select at most 50 drawings", await response.ProblemDetailAsync());
        Assert.Null((await factory.DrawingAsync(org, ids[0])).AreaId);

        var fifty = await api.SendJsonAsync(HttpMethod.Post, $"{Base(org)}/bulk-assign", new { drawingIds = ids.Take(50), area = area.ToString() });
        Assert.Equal(50, (await fifty.JsonAsync()).GetProperty("drawingsUpdated").GetInt32());
    }

    [Fact]
    public async Task TRK061_063_retire_takes_the_components_along_and_restore_brings_back_only_those()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org, "T-1");
        var live = await factory.AddComponentOnAsync(org, drawing.Id, 50m);
        var before = await factory.AddComponentOnAsync(org, drawing.Id, retired: true);
        using var api = await factory.ApiClientAsync(org.Owner);

        var shortReason = await api.SendJsonAsync(HttpMethod.Post, $"{Base(org)}/{drawing.Id}/retire", new { reason = "too short" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, shortReason.StatusCode);
        Assert.Equal("Retire reason must be at least 10 characters", await shortReason.ProblemDetailAsync());

        var retire = await api.SendJsonAsync(HttpMethod.Post, $"{Base(org)}/{drawing.Id}/retire", new { reason = "Superseded by T-1A" });
        Assert.Equal(HttpStatusCode.OK, retire.StatusCode);
        Assert.True((await retire.JsonAsync()).GetProperty("retired").GetBoolean());
        var retiredComponents = (await factory.ComponentsOnAsync(org, drawing.Id)).ToDictionary(c => c.Id);
        Assert.NotNull(retiredComponents[live.Id].RetiredAt);
        Assert.Equal("Retired before the drawing", retiredComponents[before.Id].RetiredReason);
        // TRK-060: retired drawings are out of the list unless asked for.
        Assert.Empty(Numbers(await GetJsonAsync(api, Base(org))));
        Assert.Equal(["T-1"], Numbers(await GetJsonAsync(api, $"{Base(org)}?retired=true")));

        var restore = await api.SendJsonAsync(HttpMethod.Post, $"{Base(org)}/{drawing.Id}/restore");
        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        var restored = (await factory.ComponentsOnAsync(org, drawing.Id)).ToDictionary(c => c.Id);
        Assert.Null(restored[live.Id].RetiredAt);
        Assert.NotNull(restored[before.Id].RetiredAt);
        Assert.Null((await factory.DrawingAsync(org, drawing.Id)).RetiredAt);
    }

    [Fact]
    public async Task TRK063_restore_is_refused_when_an_active_drawing_has_the_same_identity()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org, "T-2");
        using var api = await factory.ApiClientAsync(org.Owner);
        await api.SendJsonAsync(HttpMethod.Post, $"{Base(org)}/{drawing.Id}/retire", new { reason = "Replaced by a new issue" });
        await factory.AddDrawingAsync(org, "t-2");

        var restore = await api.SendJsonAsync(HttpMethod.Post, $"{Base(org)}/{drawing.Id}/restore");
        Assert.Equal(HttpStatusCode.Conflict, restore.StatusCode);
        Assert.Equal("Cannot restore: an active drawing with the same identity exists", await restore.ProblemDetailAsync());
        Assert.NotNull((await factory.DrawingAsync(org, drawing.Id)).RetiredAt);
    }

    [Fact]
    public async Task Roles_viewer_gets_403_foreman_may_assign_but_not_retitle_or_retire()
    {
        var org = await factory.CreateOrganizationAsync();
        var area = await factory.AddAreaAsync(org, "Area F");
        var drawing = await factory.AddDrawingAsync(org, "F-1", "Title");
        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer, "viewer");
        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "foreman");
        using var viewerApi = await factory.ApiClientAsync(viewer);
        using var foremanApi = await factory.ApiClientAsync(foreman);

        Assert.Equal(HttpStatusCode.OK, (await viewerApi.Http.GetAsync(Base(org))).StatusCode);
        var denied = await viewerApi.SendJsonAsync(HttpMethod.Patch, $"{Base(org)}/{drawing.Id}", new { area = area.ToString(), version = drawing.Version });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("You don't have permission to assign work.", await denied.ProblemDetailAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerApi.SendJsonAsync(HttpMethod.Post, $"{Base(org)}/bulk-assign", new { drawingIds = new[] { drawing.Id }, area = area.ToString() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerApi.SendJsonAsync(HttpMethod.Post, $"{Base(org)}/{drawing.Id}/retire", new { reason = "Viewer wants it gone" })).StatusCode);

        var retitle = await foremanApi.SendJsonAsync(HttpMethod.Patch, $"{Base(org)}/{drawing.Id}", new { title = "Renamed", version = drawing.Version });
        Assert.Equal(HttpStatusCode.Forbidden, retitle.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await foremanApi.SendJsonAsync(HttpMethod.Post, $"{Base(org)}/{drawing.Id}/retire", new { reason = "Foreman wants it gone" })).StatusCode);
        var assign = await foremanApi.SendJsonAsync(HttpMethod.Patch, $"{Base(org)}/{drawing.Id}", new { area = area.ToString(), version = drawing.Version });
        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        var stored = await factory.DrawingAsync(org, drawing.Id);
        Assert.Equal(("Title", area), (stored.Title, stored.AreaId!.Value));
    }

    [Fact]
    public async Task Another_projects_area_is_not_found_and_assigns_nothing()
    {
        var org = await factory.CreateOrganizationAsync();
        var other = await factory.CreateOrganizationAsync();
        var foreignArea = await factory.AddAreaAsync(other, "Foreign");
        var drawing = await factory.AddDrawingAsync(org, "N-1");
        using var api = await factory.ApiClientAsync(org.Owner);

        var response = await api.SendJsonAsync(HttpMethod.Patch, $"{Base(org)}/{drawing.Id}", new { area = foreignArea.ToString(), version = drawing.Version });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null((await factory.DrawingAsync(org, drawing.Id)).AreaId);
    }

    [Fact]
    public async Task The_routes_are_described_in_the_openapi_document()
    {
        using var client = factory.NewClient();
        var doc = await client.Http.GetStringAsync("/openapi/v1.json");
        foreach (var name in new[] { "ListDrawings", "GetDrawing", "EditDrawing", "BulkAssignDrawings", "RetireDrawing", "RestoreDrawing" })
        {
            Assert.Contains($"\"{name}\"", doc, StringComparison.Ordinal);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DrawingApiTests_Sqlite(SqliteFactory factory) : DrawingApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class DrawingApiTests_Postgres(PostgresFactory factory) : DrawingApiTests(factory);
