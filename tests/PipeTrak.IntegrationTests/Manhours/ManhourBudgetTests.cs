using System.Net;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.IntegrationTests.Welds;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Team;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Manhours;

/// <summary>TRK-090..096 through /projects/{id}/manhours and /api/v1/projects/{id}/manhours.</summary>
public abstract class ManhourBudgetTests(PipeTrakFactory factory)
{
    private static string PageUrl(TestOrg org) => $"/projects/{org.ProjectId}/manhours";

    private static string Api(TestOrg org, string path) => $"/api/v1/projects/{org.ProjectId}/manhours{path}";

    private static Task<HttpResponseMessage> CreateAsync(AppClient api, TestOrg org, object body) =>
        api.SendJsonAsync(HttpMethod.Post, Api(org, "/budgets"), body);

    private async Task<Component> AddAsync(TestOrg org, ComponentType type, string identity, string attributes, Guid? drawingId = null, decimal percent = 0m)
    {
        var component = await factory.AddComponentAsync(org, type, identity: identity);
        await factory.WithDbAsync(async db =>
        {
            var stored = await db.Components.SingleAsync(c => c.Id == component.Id);
            stored.Attributes = attributes;
            stored.DrawingId = drawingId;
            stored.Percent = percent;
            await db.SaveChangesAsync();
        }, org.Id);
        return component;
    }

    /// <summary>TRK-094's example: a 6" fitting, a 2" valve, a 1" threaded pipe of 40 LF and a spool.</summary>
    private async Task<(Component Fitting, Component Valve, Component Pipe, Component Spool)> SeedExampleAsync(TestOrg org, Guid? drawingA = null, Guid? drawingB = null)
    {
        var fitting = await AddAsync(org, ComponentType.Fitting, "FIT-6", """{"size":"6\""}""", drawingA, 50m);
        var valve = await AddAsync(org, ComponentType.Valve, "VLV-2", """{"size":"2"}""", drawingA, 100m);
        var pipe = await AddAsync(org, ComponentType.ThreadedPipe, "TP-1", """{"size":"1","total_linear_feet":"40"}""", drawingB);
        var spool = await AddAsync(org, ComponentType.Spool, "SP-100", "{}", drawingB, 10m);
        return (fitting, valve, pipe, spool);
    }

    [Fact]
    public async Task TRK091_094_the_spec_example_is_distributed_exactly_with_its_warning()
    {
        var org = await factory.CreateOrganizationAsync();
        var (fitting, valve, pipe, spool) = await SeedExampleAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);

        var response = await CreateAsync(api, org, new { totalManhours = 500m, reason = "Initial estimate" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var budget = await response.JsonAsync();
        Assert.Equal(1, budget.GetProperty("version").GetInt32());
        Assert.True(budget.GetProperty("isActive").GetBoolean());
        Assert.Equal(4, budget.GetProperty("componentCount").GetInt32());
        Assert.Equal(["SP-100: no usable size, fallback weight 0.5"], budget.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd"), budget.GetProperty("effectiveDate").GetString());

        Assert.Equal(333.6367m, (await factory.ReloadAsync(org.Id, fitting.Id)).BudgetedManhours);
        Assert.Equal(64.2084m, (await factory.ReloadAsync(org.Id, valve.Id)).BudgetedManhours);
        Assert.Equal(90.8044m, (await factory.ReloadAsync(org.Id, pipe.Id)).BudgetedManhours);
        Assert.Equal(11.3505m, (await factory.ReloadAsync(org.Id, spool.Id)).BudgetedManhours);
        Assert.Equal(14.6969m, (await factory.ReloadAsync(org.Id, fitting.Id)).ManhourWeight);
        Assert.Equal(4.0m, (await factory.ReloadAsync(org.Id, pipe.Id)).ManhourWeight);
        var sum = await factory.WithDbAsync(async db => (await db.Components.AsNoTracking().Where(c => c.ProjectId == org.ProjectId).Select(c => c.BudgetedManhours).ToListAsync()).Sum(), org.Id);
        Assert.InRange(500m - sum, -0.001m, 0.001m); // TRK-094: a residue of a few ten-thousandths is accepted.
    }

    [Fact]
    public async Task TRK091_094_refusals_use_the_spec_messages_and_codes_and_save_nothing()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);

        async Task AssertRefusedAsync(object body, string message, string? code)
        {
            var response = await CreateAsync(api, org, body);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.JsonAsync();
            Assert.Equal(message, problem.GetProperty("detail").GetString());
            if (code is null)
            {
                Assert.Equal(System.Text.Json.JsonValueKind.Null, problem.GetProperty("code").ValueKind);
            }
            else
            {
                Assert.Equal(code, problem.GetProperty("code").GetString());
            }
        }

        await AssertRefusedAsync(new { totalManhours = 0m, reason = "x" }, "Total budgeted manhours must be greater than 0", "INVALID_BUDGET");
        await AssertRefusedAsync(new { totalManhours = -5m, reason = "x" }, "Total budgeted manhours must be greater than 0", "INVALID_BUDGET");
        await AssertRefusedAsync(new { totalManhours = 100m, reason = "  " }, "Revision reason is required", null);
        await AssertRefusedAsync(new { totalManhours = 100m, reason = "First" }, "Import components before creating a budget", "NO_COMPONENTS");
        await factory.AddComponentAsync(org, ComponentType.Spool, retired: true);
        await AssertRefusedAsync(new { totalManhours = 100m, reason = "First" }, "Import components before creating a budget", "NO_COMPONENTS");
        Assert.False(await factory.WithDbAsync(db => db.ManhourBudgets.AnyAsync(b => b.ProjectId == org.ProjectId), org.Id));
    }

    [Fact]
    public async Task TRK091_a_new_version_replaces_the_active_one_and_activating_an_older_one_redistributes_it()
    {
        var org = await factory.CreateOrganizationAsync();
        var (fitting, _, _, _) = await SeedExampleAsync(org);
        var retired = await factory.AddComponentAsync(org, ComponentType.Valve, budgetedManhours: 3m, retired: true);
        using var api = await factory.ApiClientAsync(org.Owner);

        var v1 = await (await CreateAsync(api, org, new { totalManhours = 500m, reason = "Initial" })).JsonAsync();
        var v2 = await (await CreateAsync(api, org, new { totalManhours = 1000m, reason = "Change order 7", effectiveDate = "2026-12-01" })).JsonAsync();
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.Equal("2026-12-01", v2.GetProperty("effectiveDate").GetString());
        Assert.Equal(667.2733m, (await factory.ReloadAsync(org.Id, fitting.Id)).BudgetedManhours);
        Assert.Equal(3m, (await factory.ReloadAsync(org.Id, retired.Id)).BudgetedManhours); // TRK-060: retired left out.

        var list = await (await api.Http.GetAsync(Api(org, "/budgets"))).JsonAsync();
        Assert.Equal([2, 1], list.EnumerateArray().Select(b => b.GetProperty("version").GetInt32()));
        Assert.Equal([true, false], list.EnumerateArray().Select(b => b.GetProperty("isActive").GetBoolean()));

        var activated = await api.SendJsonAsync(HttpMethod.Post, Api(org, $"/budgets/{v1.GetProperty("id").GetGuid()}/activate"));
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Equal(333.6367m, (await factory.ReloadAsync(org.Id, fitting.Id)).BudgetedManhours);
        var active = await factory.WithDbAsync(db => db.ManhourBudgets.AsNoTracking().Where(b => b.ProjectId == org.ProjectId && b.IsActive).Select(b => b.Number).ToListAsync(), org.Id);
        Assert.Equal([1], active);
    }

    [Fact]
    public async Task TRK091_concurrent_creations_leave_exactly_one_active_budget_and_distinct_versions()
    {
        var org = await factory.CreateOrganizationAsync();
        await SeedExampleAsync(org);
        using var api1 = await factory.ApiClientAsync(org.Owner);
        using var api2 = await factory.ApiClientAsync(org.Owner);
        var responses = await Task.WhenAll(
            CreateAsync(api1, org, new { totalManhours = 100m, reason = "A" }),
            CreateAsync(api2, org, new { totalManhours = 200m, reason = "B" }));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var budgets = await factory.WithDbAsync(db => db.ManhourBudgets.AsNoTracking().Where(b => b.ProjectId == org.ProjectId).OrderBy(b => b.Number).ToListAsync(), org.Id);
        Assert.Equal([1, 2], budgets.Select(b => b.Number));
        Assert.Single(budgets, b => b.IsActive);
        Assert.True(budgets[1].IsActive);
        var sum = await factory.WithDbAsync(async db => (await db.Components.AsNoTracking().Where(c => c.ProjectId == org.ProjectId).Select(c => c.BudgetedManhours).ToListAsync()).Sum(), org.Id);
        Assert.InRange(budgets[1].TotalManhours - sum, -0.001m, 0.001m);
    }

    [Fact]
    public async Task TRK096_earned_and_remaining_per_drawing_are_budgeted_times_percent()
    {
        var org = await factory.CreateOrganizationAsync();
        var a = await AddDrawingAsync(org, "P-100");
        var b = await AddDrawingAsync(org, "P-200");
        await SeedExampleAsync(org, a, b);
        using var api = await factory.ApiClientAsync(org.Owner);

        var before = await (await api.Http.GetAsync(Api(org, "/drawings"))).JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, before.GetProperty("earnedPercent").ValueKind); // TRK-096: not shown without an active budget.

        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(api, org, new { totalManhours = 500m, reason = "Initial" })).StatusCode);
        var figures = await (await api.Http.GetAsync(Api(org, "/drawings"))).JsonAsync();
        var rows = figures.GetProperty("drawings").EnumerateArray().ToList();
        Assert.Equal(["P-100", "P-200"], rows.Select(r => r.GetProperty("drawingNumber").GetString()));
        // P-100: fitting 333.6367 at 50% + valve 64.2084 at 100%.
        Assert.Equal(397.8451m, rows[0].GetProperty("budgeted").GetDecimal());
        Assert.Equal(231.02675m, rows[0].GetProperty("earned").GetDecimal()); // 166.81835 + 64.2084, derived exactly
        Assert.Equal(166.81835m, rows[0].GetProperty("remaining").GetDecimal());
        // P-200: pipe 90.8044 at 0% + spool 11.3505 at 10%.
        Assert.Equal(1.13505m, rows[1].GetProperty("earned").GetDecimal());
        Assert.Equal(232.1618m, figures.GetProperty("earned").GetDecimal());
        Assert.Equal(46.43m, figures.GetProperty("earnedPercent").GetDecimal());
    }

    [Fact]
    public async Task TRK095_098_page_lists_versions_warnings_drawings_and_additions_since_the_active_version()
    {
        var org = await factory.CreateOrganizationAsync();
        var a = await AddDrawingAsync(org, "P-100");
        await SeedExampleAsync(org, a, a);
        using var page = await factory.SignInAsync(org.Owner);

        var refused = await page.PostFormAsync(PageUrl(org), new Dictionary<string, string> { ["Input.TotalManhours"] = "abc", ["Input.Reason"] = "Initial" }, "[data-testid=budget-form]");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("Total budgeted manhours must be greater than 0", (await refused.DocumentAsync()).QuerySelector("[data-testid=total-error]")!.TextContent.Trim());
        var noReason = await page.PostFormAsync(PageUrl(org), new Dictionary<string, string> { ["Input.TotalManhours"] = "500", ["Input.Reason"] = "" }, "[data-testid=budget-form]");
        Assert.Equal("Revision reason is required", (await noReason.DocumentAsync()).QuerySelector("[data-testid=reason-error]")!.TextContent.Trim());

        var created = await page.PostFormAsync(PageUrl(org), new Dictionary<string, string> { ["Input.TotalManhours"] = "500", ["Input.Reason"] = "Initial" }, "[data-testid=budget-form]");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await factory.AddComponentAsync(org, ComponentType.Valve);
        var (response, doc) = await page.GetPageAsync(PageUrl(org));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(doc.QuerySelectorAll("[data-testid=budget-row]"));
        Assert.Single(doc.QuerySelectorAll("[data-testid=active-badge]"));
        Assert.Equal("v1 • 500.00 MH", doc.QuerySelector("[data-testid=mh-active]")!.TextContent.Trim());
        Assert.StartsWith("Additions since v1: 1.", doc.QuerySelector("[data-testid=mh-additions]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(["SP-100: no usable size, fallback weight 0.5"], doc.Texts("[data-testid=budget-warnings] li"));
        Assert.Equal("P-100", doc.QuerySelector("[data-testid=mh-drawing-row] th")!.TextContent.Trim());
        Assert.Equal("46.43%", doc.QuerySelector("[data-testid=mh-earned-percent]")!.TextContent.Trim());
    }

    [Fact]
    public async Task TRK095_a_repair_weld_gets_its_parents_weight_at_the_next_distribution()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        var welderId = await api.AddWelderAsync(org, "K-09");
        var weldId = (await api.CreateWeldAsync(org, drawing.Id)).WeldId();
        var parentComponent = (await factory.WeldAsync(org.Id, weldId)).ComponentId;
        // A 4" weld: weight 4^1.5 = 8 (TRK-093).
        await factory.WithDbAsync(async db =>
        {
            var c = await db.Components.SingleAsync(c => c.Id == parentComponent);
            c.Attributes = """{"size":"4"}""";
            await db.SaveChangesAsync();
        }, org.Id);
        await AddAsync(org, ComponentType.Valve, "VLV-4", """{"size":"4"}""");
        await api.CommandAsync(org, weldId, "assignment", new { welderId, dateWelded = WeldTestSupport.Day(factory, -2) });
        await api.CommandAsync(org, weldId, "nde", new { type = "rt", result = "fail", date = WeldTestSupport.Day(factory, -1) });
        var repairId = (await api.CommandAsync(org, weldId, "repair", expected: HttpStatusCode.Created)).WeldId();
        var repairOfRepairParent = repairId;
        await api.CommandAsync(org, repairId, "assignment", new { welderId, dateWelded = WeldTestSupport.Day(factory, -1) });
        await api.CommandAsync(org, repairId, "nde", new { type = "rt", result = "fail", date = WeldTestSupport.Day(factory, 0) });
        var secondRepairId = (await api.CommandAsync(org, repairOfRepairParent, "repair", expected: HttpStatusCode.Created)).WeldId();
        var repairComponent = (await factory.WeldAsync(org.Id, repairId)).ComponentId;
        var secondRepairComponent = (await factory.WeldAsync(org.Id, secondRepairId)).ComponentId;

        var response = await CreateAsync(api, org, new { totalManhours = 320m, reason = "Initial" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var budget = await response.JsonAsync();
        // Four live components of weight 8 each (weld, repair, repair of the repair, valve): 80 MH each,
        // and no "no usable size" warning for the repairs, whose own attributes carry no size.
        var components = await factory.WithDbAsync(db => db.Components.AsNoTracking().Where(c => c.ProjectId == org.ProjectId)
            .ToDictionaryAsync(c => c.Id, c => (c.ManhourWeight, c.BudgetedManhours)), org.Id);
        Assert.Equal((8m, 80m), components[parentComponent]);
        Assert.Equal((8m, 80m), components[repairComponent]);
        Assert.Equal((8m, 80m), components[secondRepairComponent]);
        Assert.Equal(0, budget.GetProperty("warningCount").GetInt32());
    }

    [Theory]
    [InlineData(OrgRole.Foreman)]
    [InlineData(OrgRole.QcInspector)]
    [InlineData(OrgRole.Viewer)]
    public async Task TRK090_other_roles_never_see_or_change_manhours(OrgRole role)
    {
        var org = await factory.CreateOrganizationAsync();
        await SeedExampleAsync(org);
        using var owner = await factory.ApiClientAsync(org.Owner);
        var v1 = await (await CreateAsync(owner, org, new { totalManhours = 500m, reason = "Initial" })).JsonAsync();
        var user = await factory.CreateUserAsync(org.Id, role, "mh");
        using var api = await factory.ApiClientAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, (await api.Http.GetAsync(Api(org, "/budgets"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Http.GetAsync(Api(org, "/drawings"))).StatusCode);
        var create = await CreateAsync(api, org, new { totalManhours = 10m, reason = "Sneaky" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("You don't have permission to manage projects.", await create.ProblemDetailAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendJsonAsync(HttpMethod.Post, Api(org, $"/budgets/{v1.GetProperty("id").GetGuid()}/activate"))).StatusCode);
        using var page = await factory.SignInAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await page.Http.GetAsync(PageUrl(org))).StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.ManhourBudgets.CountAsync(b => b.ProjectId == org.ProjectId), org.Id));
    }

    private Task<Guid> AddDrawingAsync(TestOrg org, string number) =>
        factory.WithDbAsync(async db =>
        {
            var drawing = new Drawing { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = org.ProjectId!.Value, Title = number };
            drawing.SetNumber(number);
            db.Drawings.Add(drawing);
            await db.SaveChangesAsync();
            return drawing.Id;
        }, org.Id);
}

[Collection(SqliteCollection.Name)]
public sealed class ManhourBudgetTests_Sqlite(SqliteFactory factory) : ManhourBudgetTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ManhourBudgetTests_Postgres(PostgresFactory factory) : ManhourBudgetTests(factory);
