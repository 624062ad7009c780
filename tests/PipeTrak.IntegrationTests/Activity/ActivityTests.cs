using System.Net;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Dashboard;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Activity;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Team;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Activity;

/// <summary>RPT-050/051/053: the dashboard's recent activity, its live fragment and GET /api/v1/projects/{projectId}/activity.</summary>
public abstract class ActivityTests(PipeTrakFactory factory)
{
    private static Task<HttpResponseMessage> SetAsync(AppClient api, TestOrg org, Guid componentId, string milestone, int value) =>
        api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/components/{componentId}/milestones/{milestone}", new { value });

    private async Task<TestOrg> OrgWithAnaAsync()
    {
        var org = await factory.CreateOrganizationAsync();
        await factory.WithDbAsync(async db =>
        {
            var owner = await db.Users.SingleAsync(u => u.Id == org.Owner.Id);
            owner.FullName = "Ana Ruiz";
            await db.SaveChangesAsync();
        });
        return org;
    }

    private async Task<Component> AddPipeOnIso7Async(TestOrg org)
    {
        var pipe = await factory.AddComponentAsync(org, ComponentType.Pipe, identity: "ISO-7-2-CS-PIPE-AGG");
        await factory.WithDbAsync(async db =>
        {
            var drawing = new Drawing { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = org.ProjectId!.Value };
            drawing.SetNumber("ISO-7");
            db.Drawings.Add(drawing);
            var row = await db.Components.SingleAsync(c => c.Id == pipe.Id);
            row.DrawingId = drawing.Id;
            row.Attributes = """{"cmdty_code":"CS-PIPE","size":"2","total_linear_feet":"42.5","original_qty":"40"}""";
            await db.SaveChangesAsync();
        }, org.Id);
        return pipe;
    }

    [Fact]
    public async Task RPT051_sentences_read_as_the_spec_example_newest_first_with_initials()
    {
        var org = await OrgWithAnaAsync();
        var pipe = await AddPipeOnIso7Async(org);
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool, identity: "SP-1");
        using var api = await factory.ApiClientAsync(org.Owner);
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(api, org, pipe.Id, "Connect", 40)).StatusCode);
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(api, org, spool.Id, "Erect", 100)).StatusCode);

        var items = (await (await api.Http.GetAsync($"/api/v1/projects/{org.ProjectId}/activity")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(
            ["Ana Ruiz marked Spool SP-1: Erect complete (no drawing assigned)", "Ana Ruiz updated Pipe CS-PIPE 2\" (42.5 LF): Connect 40% on Drawing ISO-7"],
            items.Select(i => i.GetProperty("sentence").GetString()));
        Assert.All(items, i => Assert.Equal("AN", i.GetProperty("initials").GetString()));

        using var page = await factory.SignInAsync(org.Owner);
        var (_, doc) = await page.GetPageAsync($"/projects/{org.ProjectId}/dashboard");
        Assert.Equal(items.Select(i => i.GetProperty("sentence").GetString()!), doc.Texts("[data-testid=activity-sentence]"));
        Assert.Equal(["just now", "2 minutes ago"], doc.Texts("[data-testid=activity-time]"));
        Assert.All(doc.QuerySelectorAll("[data-testid=activity-time]"), t => Assert.False(string.IsNullOrEmpty(t.GetAttribute("title"))));
        Assert.Equal(["AN", "AN"], doc.Texts("[data-testid=activity-initials]"));
    }

    [Fact]
    public async Task RPT050_the_last_10_events_show_and_the_live_fragment_picks_up_new_ones_without_reload()
    {
        var org = await OrgWithAnaAsync();
        var crew = await factory.CreateUserAsync(org.Id, OrgRole.Viewer, "crew");
        using var api = await factory.ApiClientAsync(org.Owner);
        for (var i = 1; i <= 11; i++)
        {
            var spool = await factory.AddComponentAsync(org, ComponentType.Spool, identity: $"SP-{i}");
            Assert.Equal(HttpStatusCode.OK, (await SetAsync(api, org, spool.Id, "Receive", 100)).StatusCode);
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        using var page = await factory.SignInAsync(crew);
        var (_, doc) = await page.GetPageAsync($"/projects/{org.ProjectId}/dashboard");
        var sentences = doc.Texts("[data-testid=activity-sentence]");
        Assert.Equal(10, sentences.Count);
        Assert.Equal("Ana Ruiz marked Spool SP-11: Receive complete (no drawing assigned)", sentences[0]);
        Assert.Equal("Ana Ruiz marked Spool SP-2: Receive complete (no drawing assigned)", sentences[9]);
        var live = doc.QuerySelector("[data-testid=activity]")!;
        Assert.Equal($"/projects/{org.ProjectId}/dashboard?handler=Activity", live.GetAttribute("hx-get"));
        Assert.Equal("every 15s", live.GetAttribute("hx-trigger"));

        var twelfth = await factory.AddComponentAsync(org, ComponentType.Spool, identity: "SP-12");
        await SetAsync(api, org, twelfth.Id, "Receive", 100);
        // TRK-045/046: the same change repeated within 5 s is suppressed and never appears.
        await SetAsync(api, org, twelfth.Id, "Receive", 100);

        var html = await DashboardTests.HtmxGetAsync(page, $"/projects/{org.ProjectId}/dashboard?handler=Activity");
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        var fragment = await AppClient.ParseAsync(html);
        var fresh = fragment.Texts("[data-testid=activity-sentence]");
        Assert.Equal(10, fresh.Count);
        Assert.Equal("Ana Ruiz marked Spool SP-12: Receive complete (no drawing assigned)", fresh[0]);
        Assert.Single(fresh, s => s.Contains("SP-12", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RPT050_empty_project_says_no_recent_activity()
    {
        var org = await factory.CreateOrganizationAsync();
        using var page = await factory.SignInAsync(org.Owner);
        var (_, doc) = await page.GetPageAsync($"/projects/{org.ProjectId}/dashboard");
        Assert.Equal(ActivitySentence.Empty, doc.QuerySelector("[data-testid=activity-empty]")!.TextContent.Trim());
        Assert.Empty(doc.QuerySelectorAll("[data-testid=activity-item]"));
    }

    [Fact]
    public async Task Activity_api_honours_limit_and_refuses_bad_ones()
    {
        var org = await OrgWithAnaAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        for (var i = 1; i <= 3; i++)
        {
            var spool = await factory.AddComponentAsync(org, ComponentType.Spool, identity: $"SP-{i}");
            await SetAsync(api, org, spool.Id, "Receive", 100);
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var two = await (await api.Http.GetAsync($"/api/v1/projects/{org.ProjectId}/activity?limit=2")).JsonAsync();
        Assert.Equal(2, two.GetArrayLength());
        Assert.Equal("SP-3", two[0].GetProperty("identity").GetString());
        Assert.Equal("spool", two[0].GetProperty("componentType").GetString());

        foreach (var bad in new[] { "0", "101", "abc" })
        {
            var response = await api.Http.GetAsync($"/api/v1/projects/{org.ProjectId}/activity?limit={bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(ActivityEndpoints.InvalidLimit, await response.ProblemDetailAsync());
        }
    }

    [Fact]
    public async Task RPT050_events_of_another_organization_never_appear()
    {
        var a = await OrgWithAnaAsync();
        var b = await factory.CreateOrganizationAsync();
        var bSpool = await factory.AddComponentAsync(b, ComponentType.Spool, identity: "B-SECRET");
        using (var bApi = await factory.ApiClientAsync(b.Owner))
        {
            await SetAsync(bApi, b, bSpool.Id, "Receive", 100);
        }
        using var api = await factory.ApiClientAsync(a.Owner);
        var items = await (await api.Http.GetAsync($"/api/v1/projects/{a.ProjectId}/activity")).JsonAsync();
        Assert.Equal(0, items.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync($"/api/v1/projects/{b.ProjectId}/activity")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ActivityTests_Sqlite(SqliteFactory factory) : ActivityTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ActivityTests_Postgres(PostgresFactory factory) : ActivityTests(factory);
