using System.Net;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Components;

/// <summary>/api/v1 component list and detail, milestone batch and TRK-080 bulk receive.</summary>
public abstract class ComponentApiTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task List_filters_pages_and_detail_show_the_component()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org, "ISO-API");
        var spool = await factory.AddOnDrawingAsync(org, drawing, ComponentType.Spool, "SP-A1");
        await factory.AddOnDrawingAsync(org, drawing, ComponentType.Spool, "SP-A2");
        await factory.AddOnDrawingAsync(org, drawing, ComponentType.Valve, ComponentIdentity.ForCounted("ISO-API", "V", "1", 1));
        await factory.SetValuesAsync(org, spool, ("Erect", 100));
        using var api = await factory.ApiClientAsync(org.Owner);

        var page = await (await api.Http.GetAsync($"/api/v1/projects/{org.ProjectId}/components?type=spool&size=1&page=2")).JsonAsync();
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("SP-A2", item.GetProperty("display").GetString());
        Assert.Equal("spool", item.GetProperty("type").GetString());

        var started = await (await api.Http.GetAsync($"/api/v1/projects/{org.ProjectId}/components?progress=in_progress")).JsonAsync();
        Assert.Equal("SP-A1", Assert.Single(started.GetProperty("items").EnumerateArray()).GetProperty("display").GetString());

        var detail = await api.Http.GetAsync($"/api/v1/projects/{org.ProjectId}/components/{spool.Id}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var json = await detail.JsonAsync();
        Assert.Equal(40m, json.GetProperty("component").GetProperty("percent").GetDecimal());
        Assert.Equal(100, json.GetProperty("component").GetProperty("milestones").GetProperty("Erect").GetInt32());
        Assert.Equal("ISO-API", json.GetProperty("component").GetProperty("drawingNumber").GetString());
        Assert.Equal("none", json.GetProperty("area").GetProperty("badge").GetString());
        Assert.False(json.GetProperty("component").TryGetProperty("budgetedManhours", out _));

        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync($"/api/v1/projects/{org.ProjectId}/components/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Batch_applies_each_item_on_its_own_and_reports_per_item()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-B1");
        var valve = await factory.AddOnDrawingAsync(org, null, ComponentType.Valve, ComponentIdentity.ForCounted("ISO-B", "V", "1", 1));
        await factory.SetValuesAsync(org, valve, ("Install", 100));
        using var api = await factory.ApiClientAsync(org.Owner);

        var body = new
        {
            items = new object[]
            {
                new { componentId = spool.Id, milestone = "Receive", value = 100 },
                new { componentId = spool.Id, milestone = "Erect", value = 50 },
                new { componentId = valve.Id, milestone = "Install", value = 0 },
                new { componentId = valve.Id, milestone = "Install", value = false, reason = "engineering_change" },
                new { componentId = Guid.NewGuid(), milestone = "Receive", value = true },
                new { componentId = spool.Id, milestone = "Receive", value = 100 },
            },
        };
        var response = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/milestones/batch", body, "batch-key-1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        var results = json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["updated", "failed", "failed", "updated", "failed", "unchanged"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("'Erect' can only be 0 or 100", results[1].GetProperty("error").GetString());
        Assert.Equal("A reason is required to lower a milestone", results[2].GetProperty("error").GetString());
        Assert.Equal(404, results[4].GetProperty("httpStatus").GetInt32());
        Assert.Equal((6, 2, 1, 3), (json.GetProperty("attempted").GetInt32(), json.GetProperty("updated").GetInt32(), json.GetProperty("unchanged").GetInt32(), json.GetProperty("failed").GetInt32()));
        Assert.Equal(5m, (await factory.ReloadAsync(org.Id, spool.Id)).Percent);
        Assert.Equal("engineering_change", Assert.Single(await factory.EventsAsync(org.Id, valve.Id)).RollbackReason);

        // Idempotent: the same key and body returns the first answer and writes nothing.
        var retry = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/milestones/batch", body, "batch-key-1");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(await factory.EventsAsync(org.Id, spool.Id));

        var empty = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/milestones/batch", new { items = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(ComponentEndpoints.BatchEmptyMessage, await empty.ProblemDetailAsync());
    }

    [Fact]
    public async Task Batch_applies_several_changes_to_one_component_in_order()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-B2");
        using var api = await factory.ApiClientAsync(org.Owner);

        var body = new
        {
            items = new object[]
            {
                new { componentId = spool.Id, milestone = "Receive", value = 100 },
                new { componentId = spool.Id, milestone = "Erect", value = 100 },
                new { componentId = spool.Id, milestone = "Receive", value = 0, reason = "data_entry_error" },
            },
        };
        var response = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/milestones/batch", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.JsonAsync()).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["updated", "updated", "updated"], results.Select(r => r.GetProperty("status").GetString()));

        var values = await factory.ValuesAsync(org.Id, spool.Id);
        Assert.Equal((0, 100), (values["Receive"].Value, values["Erect"].Value));
        Assert.Equal(3, (await factory.EventsAsync(org.Id, spool.Id)).Count);
        var percent = ProgressRules.PercentComplete(DefaultTemplates.For(ComponentType.Spool), values);
        Assert.Equal(percent, (await factory.ReloadAsync(org.Id, spool.Id)).Percent);
        Assert.Equal(percent, results[2].GetProperty("percent").GetDecimal());
    }

    [Fact]
    public async Task Batch_and_bulk_receive_refuse_a_viewer_with_403()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-V1");
        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer, "apiviewer");
        using var api = await factory.ApiClientAsync(viewer);

        var batch = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/milestones/batch",
            new[] { new { componentId = spool.Id, milestone = "Receive", value = 100 } });
        Assert.Equal(HttpStatusCode.Forbidden, batch.StatusCode);
        Assert.Equal("You don't have permission to update milestones", await batch.ProblemDetailAsync());

        var bulk = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/components/bulk-receive", new { componentIds = new[] { spool.Id } });
        Assert.Equal(HttpStatusCode.Forbidden, bulk.StatusCode);
        Assert.Empty(await factory.EventsAsync(org.Id, spool.Id));
    }

    [Fact]
    public async Task TRK080_bulk_receive_api_returns_the_summary_and_a_reason_per_failure()
    {
        var org = await factory.CreateOrganizationAsync();
        var a = await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-R1");
        var b = await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-R2");
        var retired = await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-R3", configure: c => { c.RetiredAt = c.CreatedAt; c.RetiredReason = "Gone for good"; });
        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "bulkforeman");
        using var api = await factory.ApiClientAsync(foreman);

        var response = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/components/bulk-receive",
            new { componentIds = new[] { a.Id, b.Id, retired.Id } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal("Attempted 3 · Updated 2 · Skipped 0 · Failed 1", json.GetProperty("summary").GetString());
        Assert.Equal("Retired components cannot be updated", Assert.Single(json.GetProperty("failures").EnumerateArray()).GetProperty("reason").GetString());
        Assert.Equal(5m, (await factory.ReloadAsync(org.Id, a.Id)).Percent);

        var again = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/components/bulk-receive", new { componentIds = new[] { a.Id } });
        Assert.Equal("Attempted 1 · Updated 0 · Skipped 1 · Failed 0", (await again.JsonAsync()).GetProperty("summary").GetString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ComponentApiTests_Sqlite(SqliteFactory factory) : ComponentApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ComponentApiTests_Postgres(PostgresFactory factory) : ComponentApiTests(factory);
