using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Dashboard;

/// <summary>
/// TRK-049/053/054, TRK-090/096, PKG-030/032: every dashboard and roll-up API number equals a
/// recomputation from the component rows, on both providers.
/// </summary>
public abstract class DashboardTests(PipeTrakFactory factory)
{
    private static string Dashboard(TestOrg org) => $"/projects/{org.ProjectId}/dashboard";

    private static decimal Mean(IEnumerable<decimal> percents)
    {
        var list = percents.ToList();
        return list.Count == 0 ? 0m : list.Sum() / list.Count;
    }

    private static string DisplayOf(IReadOnlyCollection<decimal> percents) =>
        string.Create(CultureInfo.InvariantCulture, $"{percents.Count(p => p >= 100m)}/{percents.Count} • {ProgressRules.Display(Mean(percents))}%");

    [Fact]
    public async Task TRK054_every_rollup_number_equals_a_recomputation_from_component_rows()
    {
        var org = await factory.CreateOrganizationAsync();
        var seeded = await factory.SeedVariedProjectAsync(org);
        var live = await factory.LiveComponentsAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);

        var response = await api.Http.GetAsync($"/api/v1/projects/{org.ProjectId}/rollups");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();

        var percents = live.Select(l => l.Component.Percent).ToList();
        Assert.Equal(10, json.GetProperty("components").GetInt32());
        Assert.Equal(live.Count, json.GetProperty("components").GetInt32());
        Assert.Equal(2, json.GetProperty("drawings").GetInt32());
        Assert.Equal(3, json.GetProperty("packages").GetInt32());
        var overall = json.GetProperty("overall");
        Assert.Equal(57.3m, overall.GetProperty("percent").GetDecimal());
        Assert.Equal(Math.Round(Mean(percents), 1, MidpointRounding.AwayFromZero), overall.GetProperty("percent").GetDecimal());
        Assert.Equal(percents.Count(p => p >= 100m), overall.GetProperty("completed").GetInt32());
        Assert.Equal(DisplayOf(percents), overall.GetProperty("display").GetString());

        void AssertGroups(string property, Func<Component, Guid?, Guid?> key, IReadOnlyList<(Guid Id, string Name)> defined)
        {
            var groups = json.GetProperty(property).EnumerateArray().ToList();
            var expected = defined.Select(d => (Id: (Guid?)d.Id, d.Name)).ToList();
            if (live.Any(l => key(l.Component, l.EffectivePackage) is null))
            {
                expected.Add((null, "Not Assigned"));
            }
            Assert.Equal(expected.Select(e => e.Name), groups.Select(g => g.GetProperty("name").GetString()));
            foreach (var (group, (id, _)) in groups.Zip(expected))
            {
                var members = live.Where(l => key(l.Component, l.EffectivePackage) == id).Select(l => l.Component.Percent).ToList();
                Assert.Equal(id, group.GetProperty("id").ValueKind == JsonValueKind.Null ? null : group.GetProperty("id").GetGuid());
                Assert.Equal(members.Count, group.GetProperty("total").GetInt32());
                Assert.Equal(members.Count(p => p >= 100m), group.GetProperty("completed").GetInt32());
                Assert.Equal(Math.Round(Mean(members), 2, MidpointRounding.AwayFromZero), group.GetProperty("average").GetDecimal());
                Assert.Equal(DisplayOf(members), group.GetProperty("display").GetString());
                var budgeted = live.Where(l => key(l.Component, l.EffectivePackage) == id).Sum(l => l.Component.BudgetedManhours);
                Assert.Equal(budgeted, group.GetProperty("manhours").GetProperty("budgeted").GetDecimal());
            }
        }

        AssertGroups("byArea", (c, _) => c.AreaId, [(seeded.AreaNorth, "North"), (seeded.AreaSouth, "South")]);
        AssertGroups("bySystem", (c, _) => c.SystemId, [(seeded.SystemSteam, "Steam"), (seeded.SystemWater, "Water")]);
        // TRK-072: effective package = own, else the drawing's; natural order puts TP-10 after TP-2.
        AssertGroups("byPackage", (_, p) => p, [(seeded.PackageOne, "TP-1"), (seeded.PackageTwo, "TP-2"), (seeded.PackageEmpty, "TP-10")]);

        // PKG-030/032: TP-1 testable 100, 100, 80 → 66.67 %; TP-2 testable 100, 100 → Ready; TP-10 empty → "-".
        var packages = json.GetProperty("byPackage").EnumerateArray().ToList();
        Assert.Equal(66.67m, packages[0].GetProperty("testReadyPercent").GetDecimal());
        Assert.Equal("In progress", packages[0].GetProperty("readiness").GetString());
        Assert.Equal(100m, packages[1].GetProperty("testReadyPercent").GetDecimal());
        Assert.Equal("Ready", packages[1].GetProperty("readiness").GetString());
        Assert.False(packages[2].TryGetProperty("testReadyPercent", out _));
        Assert.Equal(1, json.GetProperty("packagesReady").GetInt32());

        // TRK-096: earned = Σ budgeted × percent ÷ 100; remaining = budgeted − earned.
        var mh = json.GetProperty("manhours");
        var budget = live.Sum(l => l.Component.BudgetedManhours);
        var earned = Math.Round(live.Sum(l => l.Component.BudgetedManhours * l.Component.Percent / 100m), 4, MidpointRounding.AwayFromZero);
        Assert.Equal(budget, mh.GetProperty("budgeted").GetDecimal());
        Assert.Equal(earned, mh.GetProperty("earned").GetDecimal());
        Assert.Equal(budget - earned, mh.GetProperty("remaining").GetDecimal());
        Assert.Equal(Math.Round(earned / budget * 100m, 2, MidpointRounding.AwayFromZero), mh.GetProperty("earnedPercent").GetDecimal());
    }

    [Fact]
    public async Task TRK054_dashboard_page_shows_the_same_numbers_as_the_rows()
    {
        var org = await factory.CreateOrganizationAsync();
        await factory.SeedVariedProjectAsync(org);
        var live = await factory.LiveComponentsAsync(org);
        using var page = await factory.SignInAsync(org.Owner);

        var (response, doc) = await page.GetPageAsync(Dashboard(org));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("57.3%", doc.QuerySelector("[data-testid=overall-percent]")!.TextContent.Trim());
        Assert.Equal(live.Count.ToString(CultureInfo.InvariantCulture), doc.QuerySelector("[data-testid=count-components]")!.TextContent.Trim());
        Assert.Equal("2", doc.QuerySelector("[data-testid=count-drawings]")!.TextContent.Trim());
        Assert.Equal("3", doc.QuerySelector("[data-testid=count-packages]")!.TextContent.Trim());
        Assert.Equal("1", doc.QuerySelector("[data-testid=packages-ready]")!.TextContent.Trim());

        var areaBars = doc.QuerySelector("[data-testid=bars-area]")!;
        Assert.Equal(["North", "South", "Not Assigned"], areaBars.Texts("[data-testid=bar-name]"));
        var north = live.Where(l => l.Component.AreaId != null && areaBars.QuerySelector("[data-testid=bar]")!.GetAttribute("data-group-id") == l.Component.AreaId.ToString())
            .Select(l => l.Component.Percent).ToList();
        Assert.Equal(DisplayOf(north), areaBars.Texts("[data-testid=bar-display]")[0]);
        var unassigned = live.Where(l => l.Component.AreaId is null).Select(l => l.Component.Percent).ToList();
        Assert.Equal(DisplayOf(unassigned), areaBars.Texts("[data-testid=bar-display]")[2]);
        Assert.Equal(["Steam", "Water", "Not Assigned"], doc.QuerySelector("[data-testid=bars-system]")!.Texts("[data-testid=bar-name]"));
        Assert.NotNull(doc.QuerySelector("[data-testid=earned-value] [data-testid=mh-earned]"));
    }

    [Theory]
    [InlineData(OrgRole.Foreman)]
    [InlineData(OrgRole.Viewer)]
    public async Task TRK090_earned_value_is_absent_for_other_roles_on_page_fragment_and_api(OrgRole role)
    {
        var org = await factory.CreateOrganizationAsync();
        await factory.SeedVariedProjectAsync(org);
        var user = await factory.CreateUserAsync(org.Id, role, "crew");
        using var page = await factory.SignInAsync(user);
        using var api = await factory.ApiClientAsync(user);

        var (_, doc) = await page.GetPageAsync(Dashboard(org));
        Assert.NotNull(doc.QuerySelector("[data-testid=overall-percent]"));
        Assert.Null(doc.QuerySelector("[data-testid=earned-value]"));
        Assert.DoesNotContain("Earned value", doc.Body!.TextContent, StringComparison.Ordinal);

        var fragment = await HtmxGetAsync(page, $"{Dashboard(org)}?handler=Figures");
        Assert.DoesNotContain("earned-value", fragment, StringComparison.Ordinal);

        var json = await (await api.Http.GetAsync($"/api/v1/projects/{org.ProjectId}/rollups")).JsonAsync();
        Assert.False(json.TryGetProperty("manhours", out _));
        Assert.All(json.GetProperty("byArea").EnumerateArray(), g => Assert.False(g.TryGetProperty("manhours", out _)));
        Assert.All(json.GetProperty("byPackage").EnumerateArray(), g => Assert.False(g.TryGetProperty("manhours", out _)));
    }

    [Fact]
    public async Task TRK049_live_figures_fragment_shows_a_change_on_the_next_read()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool);
        await factory.AddComponentAsync(org, ComponentType.Spool);
        using var page = await factory.SignInAsync(org.Owner);
        using var api = await factory.ApiClientAsync(org.Owner);

        var (_, doc) = await page.GetPageAsync(Dashboard(org));
        var live = doc.QuerySelector("[data-testid=dashboard-figures]")!;
        Assert.Equal($"{Dashboard(org)}?handler=Figures", live.GetAttribute("hx-get"));
        Assert.Matches("^every ([1-9]|[12][0-9]|30)s$", live.GetAttribute("hx-trigger")!);
        Assert.Equal("0.0%", doc.QuerySelector("[data-testid=overall-percent]")!.TextContent.Trim());

        var set = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/components/{spool.Id}/milestones/Erect", new { value = 100 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var html = await HtmxGetAsync(page, $"{Dashboard(org)}?handler=Figures");
        var fragment = await AppClient.ParseAsync(html);
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        // Spool Erect is 40 %: (40 + 0) / 2 = 20.0.
        Assert.Equal("20.0%", fragment.QuerySelector("[data-testid=overall-percent]")!.TextContent.Trim());
        Assert.Equal("every 15s", fragment.QuerySelector("[data-testid=dashboard-figures]")!.GetAttribute("hx-trigger"));
    }

    [Fact]
    public async Task TRK052_053_category_completion_equals_a_recomputation_from_milestone_values()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool1 = await factory.AddComponentAsync(org, ComponentType.Spool);
        var spool2 = await factory.AddComponentAsync(org, ComponentType.Spool);
        var valve = await factory.AddComponentAsync(org, ComponentType.Valve);
        var pipe = await factory.AddComponentAsync(org, ComponentType.Pipe);
        var retired = await factory.AddComponentAsync(org, ComponentType.Spool, retired: true);
        var areaId = Guid.CreateVersion7();
        await factory.WithDbAsync(async db =>
        {
            db.Areas.Add(new Area { Id = areaId, OrganizationId = org.Id, ProjectId = org.ProjectId!.Value, Name = "North" });
            await db.SaveChangesAsync();
            var ids = new[] { spool1.Id, spool2.Id, valve.Id, retired.Id };
            await db.Components.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.AreaId, areaId));
            db.MilestoneValues.Add(new MilestoneValueRow
            {
                ComponentId = retired.Id,
                Milestone = "Erect",
                OrganizationId = org.Id,
                ProjectId = org.ProjectId!.Value,
                Value = MilestoneValue.Complete,
                SetByUserId = org.Owner.Id,
                SetAt = factory.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }, org.Id);
        using var api = await factory.ApiClientAsync(org.Owner);
        foreach (var (id, milestone, value) in new[] { (spool1.Id, "Erect", 100), (spool2.Id, "Receive", 100), (spool2.Id, "Connect", 100), (valve.Id, "Receive", 100), (pipe.Id, "Connect", 40) })
        {
            var set = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/components/{id}/milestones/{milestone}", new { value });
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        var json = await (await api.Http.GetAsync($"/api/v1/projects/{org.ProjectId}/rollups?by=area&categories=true")).JsonAsync();
        var groups = json.GetProperty("byArea").EnumerateArray().ToList();
        Assert.Equal(["North", "Not Assigned"], groups.Select(g => g.GetProperty("name").GetString()));
        var members = new[] { new[] { spool1, spool2, valve }, new[] { pipe } };
        foreach (var (group, components) in groups.Zip(members))
        {
            var values = new List<(Component, Dictionary<string, MilestoneValue>)>();
            foreach (var c in components)
            {
                values.Add((c, await factory.ValuesAsync(org.Id, c.Id)));
            }
            foreach (var category in MilestoneCategories.All)
            {
                var having = values.Select(v => ProgressRules.CategoryCompletion(DefaultTemplates.For(v.Item1.Type), v.Item2, category)).Where(x => x is not null).Select(x => x!.Value).ToList();
                var actual = group.GetProperty("categories").GetProperty(category.Code());
                if (having.Count == 0)
                {
                    Assert.Equal(JsonValueKind.Null, actual.ValueKind);
                }
                else
                {
                    Assert.Equal(ProgressRules.Round2(having.Average()), actual.GetDecimal());
                }
            }
        }
        // TRK-052 example on North: spool1 install 50, spool2 install 50, valve install 0 → 33.33.
        Assert.Equal(33.33m, groups[0].GetProperty("categories").GetProperty("install").GetDecimal());
        var plain = await (await api.Http.GetAsync($"/api/v1/projects/{org.ProjectId}/rollups?by=area")).JsonAsync();
        Assert.False(plain.GetProperty("byArea")[0].TryGetProperty("categories", out _));
    }

    [Fact]
    public async Task Rollup_api_limits_groupings_and_refuses_unknown_ones()
    {
        var org = await factory.CreateOrganizationAsync();
        await factory.SeedVariedProjectAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);

        var json = await (await api.Http.GetAsync($"/api/v1/projects/{org.ProjectId}/rollups?by=system")).JsonAsync();
        Assert.True(json.TryGetProperty("bySystem", out _));
        Assert.False(json.TryGetProperty("byArea", out _));
        Assert.False(json.TryGetProperty("byPackage", out _));

        var bad = await api.Http.GetAsync($"/api/v1/projects/{org.ProjectId}/rollups?by=drawing");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(Web.Features.Rollups.RollupEndpoints.InvalidBy, await bad.ProblemDetailAsync());
    }

    [Fact]
    public async Task Another_organizations_project_answers_404_on_page_fragments_and_api()
    {
        var a = await factory.CreateOrganizationAsync();
        var b = await factory.CreateOrganizationAsync();
        await factory.SeedVariedProjectAsync(b);
        using var page = await factory.SignInAsync(a.Owner);
        using var api = await factory.ApiClientAsync(a.Owner);

        Assert.Equal(HttpStatusCode.NotFound, (await page.Http.GetAsync(Dashboard(b))).StatusCode);
        using var fragment = new HttpRequestMessage(HttpMethod.Get, $"{Dashboard(b)}?handler=Activity");
        fragment.Headers.Add("HX-Request", "true");
        Assert.Equal(HttpStatusCode.NotFound, (await page.Http.SendAsync(fragment)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync($"/api/v1/projects/{b.ProjectId}/rollups")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync($"/api/v1/projects/{b.ProjectId}/activity")).StatusCode);
    }

    [Fact]
    public async Task The_endpoints_are_described_in_the_openapi_document()
    {
        using var client = factory.NewClient();
        var doc = await client.Http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"GetProjectRollups\"", doc, StringComparison.Ordinal);
        Assert.Contains("\"GetProjectActivity\"", doc, StringComparison.Ordinal);
    }

    internal static async Task<string> HtmxGetAsync(AppClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DashboardTests_Sqlite(SqliteFactory factory) : DashboardTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class DashboardTests_Postgres(PostgresFactory factory) : DashboardTests(factory);
