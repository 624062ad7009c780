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

namespace PipeTrak.IntegrationTests.Templates;

/// <summary>TRK-024..027 through /projects/{id}/settings/rules-of-credit and /api/v1/projects/{id}/templates.</summary>
public abstract class RulesOfCreditTests(PipeTrakFactory factory)
{
    private static string PageUrl(TestOrg org) => $"/projects/{org.ProjectId}/settings/rules-of-credit";

    private static string ApiUrl(TestOrg org, string type = "") => $"/api/v1/projects/{org.ProjectId}/templates" + (type.Length > 0 ? "/" + type : "");

    private async Task<(TestOrg Org, AppClient Api)> SetupAsync()
    {
        var org = await factory.CreateOrganizationAsync();
        await factory.EnsureTemplatesAsync(org.Id, org.ProjectId!.Value);
        return (org, await factory.ApiClientAsync(org.Owner));
    }

    private static async Task<Guid> VersionAsync(AppClient api, TestOrg org, string type)
    {
        var list = await (await api.Http.GetAsync(ApiUrl(org))).JsonAsync();
        return list.EnumerateArray().Single(t => t.GetProperty("type").GetString() == type).GetProperty("version").GetGuid();
    }

    private static Task<HttpResponseMessage> PutAsync(AppClient api, TestOrg org, string type, Guid? version, object weights, bool apply = false) =>
        api.SendJsonAsync(HttpMethod.Put, ApiUrl(org, type), new { version, weights, applyToExisting = apply });

    // Spool defaults: Receive 5, Erect 40, Connect 40, Punch 5, Test 5, Restore 5.
    private static readonly object[] SpoolNew =
    [
        new { name = "Receive", weight = 10 }, new { name = "Erect", weight = 35 }, new { name = "Connect", weight = 35 },
        new { name = "Punch", weight = 10 }, new { name = "Test", weight = 5 }, new { name = "Restore", weight = 5 },
    ];

    [Fact]
    public async Task TRK021_023_api_lists_the_12_types_with_kind_category_and_requires_welder()
    {
        var (org, api) = await SetupAsync();
        using var _ = api;
        var response = await api.Http.GetAsync(ApiUrl(org));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = (await response.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(12, list.Count);
        var weld = list.Single(t => t.GetProperty("type").GetString() == "field_weld");
        var complete = weld.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Weld Complete");
        Assert.True(complete.GetProperty("requiresWelder").GetBoolean());
        Assert.Equal(60, complete.GetProperty("weight").GetInt32());
        Assert.Equal("install", complete.GetProperty("category").GetString());
        var pipe = list.Single(t => t.GetProperty("type").GetString() == "pipe");
        Assert.Equal("partial", pipe.GetProperty("milestones")[0].GetProperty("kind").GetString());
        Assert.All(list, t => Assert.Equal(100, t.GetProperty("milestones").EnumerateArray().Sum(m => m.GetProperty("weight").GetInt32())));
    }

    [Fact]
    public async Task TRK024_api_refuses_each_check_with_the_spec_message_and_saves_nothing()
    {
        var (org, api) = await SetupAsync();
        using var _ = api;
        var version = await VersionAsync(api, org, "spool");

        async Task<string> RefusedAsync(object weights)
        {
            var response = await PutAsync(api, org, "spool", version, weights);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return await response.ProblemDetailAsync();
        }

        Assert.Equal("No weights supplied", await RefusedAsync(Array.Empty<object>()));
        Assert.Equal("Weight must be a whole number between 0 and 100", await RefusedAsync(new[] { new { name = "Receive", weight = 12.5m } }));
        Assert.Equal("Weight must be a whole number between 0 and 100", await RefusedAsync(new[] { new { name = "Receive", weight = 101m } }));
        Assert.Equal("Weight must be a whole number between 0 and 100", await RefusedAsync(new[] { new { name = "Receive", weight = -1m } }));
        Assert.Equal("Invalid milestone name: receive", await RefusedAsync(new[] { new { name = "receive", weight = 5m } }));
        Assert.Equal("Weights must sum to 100% (current: 95)", await RefusedAsync(new[] { new { name = "Receive", weight = 0m } }));

        Assert.Equal(version, await VersionAsync(api, org, "spool"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ProjectId == org.ProjectId && a.Action == RulesOfCredit.AuditAction), org.Id));
    }

    [Fact]
    public async Task TRK024_a_weight_of_0_is_allowed_and_only_weights_change()
    {
        var (org, api) = await SetupAsync();
        using var _ = api;
        var version = await VersionAsync(api, org, "field_weld");
        var response = await PutAsync(api, org, "field_weld", version, new object[]
        {
            new { name = "Fit-up", weight = 0 }, new { name = "Weld Complete", weight = 70 },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = await factory.WithDbAsync(db => db.ProjectTemplateRows.AsNoTracking()
            .Where(r => r.ProjectId == org.ProjectId && r.ComponentType == ComponentType.FieldWeld).OrderBy(r => r.Order).ToListAsync(), org.Id);
        Assert.Equal([0, 70, 10, 15, 5], rows.Select(r => r.Weight));
        Assert.Equal(["Fit-up", "Weld Complete", "Punch", "Test", "Restore"], rows.Select(r => r.Milestone));
        Assert.True(rows[1].RequiresWelder);
        Assert.All(rows, r => Assert.Equal(MilestoneKind.Discrete, r.Kind));
    }

    [Fact]
    public async Task TRK025_a_stale_version_is_refused_with_the_current_template_and_nothing_saved()
    {
        var (org, api) = await SetupAsync();
        using var _ = api;
        var loaded = await VersionAsync(api, org, "spool");
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(api, org, "spool", loaded, SpoolNew)).StatusCode);

        var stale = await PutAsync(api, org, "spool", loaded, new[] { new { name = "Receive", weight = 5 }, new { name = "Erect", weight = 40 } });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.JsonAsync();
        Assert.Equal("Rules of credit for Spool were changed by another user. Reload to see the current weights.", problem.GetProperty("detail").GetString());
        Assert.Equal(10, problem.GetProperty("current").GetProperty("milestones")[0].GetProperty("weight").GetInt32());
        var rows = await factory.WithDbAsync(db => db.ProjectTemplateRows.AsNoTracking()
            .Where(r => r.ProjectId == org.ProjectId && r.ComponentType == ComponentType.Spool).OrderBy(r => r.Order).Select(r => r.Weight).ToListAsync(), org.Id);
        Assert.Equal([10, 35, 35, 10, 5, 5], rows);
    }

    [Fact]
    public async Task TRK026_027_apply_to_existing_recalculates_with_ProgressRules_and_is_audited()
    {
        var (org, api) = await SetupAsync();
        using var _ = api;
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool);
        var other = await factory.AddComponentAsync(org, ComponentType.Spool);
        var retired = await factory.AddComponentAsync(org, ComponentType.Spool, retired: true);
        var valve = await factory.AddComponentAsync(org, ComponentType.Valve);
        await SetValuesAsync(org, spool.Id, 45m, ("Receive", 100), ("Erect", 100));
        await SetValuesAsync(org, retired.Id, 5m, ("Receive", 100));
        await SetValuesAsync(org, valve.Id, 10m, ("Receive", 100));

        var version = await VersionAsync(api, org, "spool");
        var savedAfter = factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1);
        var response = await PutAsync(api, org, "spool", version, SpoolNew, apply: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(2, body.GetProperty("recalculated").GetInt32());
        Assert.True(body.GetProperty("applied").GetBoolean());

        var template = await factory.WithDbAsync(async db => (await db.ProjectTemplateRows.AsNoTracking()
            .Where(r => r.ProjectId == org.ProjectId && r.ComponentType == ComponentType.Spool).OrderBy(r => r.Order).ToListAsync()).ConvertAll(r => r.ToRow()), org.Id);
        var stored = await factory.ReloadAsync(org.Id, spool.Id);
        Assert.Equal(ProgressRules.PercentComplete(template, await factory.ValuesAsync(org.Id, spool.Id)), stored.Percent);
        Assert.Equal(45.00m, stored.Percent); // Receive 10 + Erect 35.
        Assert.Equal(0m, (await factory.ReloadAsync(org.Id, other.Id)).Percent);
        Assert.Equal(5m, (await factory.ReloadAsync(org.Id, retired.Id)).Percent); // TRK-060: retired left alone.
        Assert.Equal(10m, (await factory.ReloadAsync(org.Id, valve.Id)).Percent);  // another type untouched.

        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.ProjectId == org.ProjectId && a.Action == RulesOfCredit.AuditAction), org.Id);
        Assert.Equal(org.Owner.Id, audit.ActorUserId);
        Assert.InRange(audit.At, savedAfter, factory.Clock.GetUtcNow().UtcDateTime);
        using var details = JsonDocument.Parse(audit.Details!);
        var d = details.RootElement;
        Assert.Equal("spool", d.GetProperty("type").GetString());
        Assert.Equal(40, d.GetProperty("oldWeights").GetProperty("Erect").GetInt32());
        Assert.Equal(35, d.GetProperty("newWeights").GetProperty("Erect").GetInt32());
        Assert.True(d.GetProperty("applied").GetBoolean());
        Assert.Equal(2, d.GetProperty("recalculated").GetInt32());
    }

    [Fact]
    public async Task TRK026_027_without_apply_stored_percentages_stay_and_the_audit_says_0()
    {
        var (org, api) = await SetupAsync();
        using var _ = api;
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool);
        await SetValuesAsync(org, spool.Id, 5m, ("Receive", 100));
        var version = await VersionAsync(api, org, "spool");
        var body = await (await PutAsync(api, org, "spool", version, SpoolNew)).JsonAsync();
        Assert.Equal(0, body.GetProperty("recalculated").GetInt32());
        Assert.Equal(5m, (await factory.ReloadAsync(org.Id, spool.Id)).Percent);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.ProjectId == org.ProjectId && a.Action == RulesOfCredit.AuditAction), org.Id);
        using var details = JsonDocument.Parse(audit.Details!);
        Assert.False(details.RootElement.GetProperty("applied").GetBoolean());
        Assert.Equal(0, details.RootElement.GetProperty("recalculated").GetInt32());
    }

    [Theory]
    [InlineData(OrgRole.Foreman)]
    [InlineData(OrgRole.QcInspector)]
    [InlineData(OrgRole.Viewer)]
    public async Task TRK024_PPL040_other_roles_are_refused_on_page_and_api(OrgRole role)
    {
        var (org, owner) = await SetupAsync();
        using var _ = owner;
        var version = await VersionAsync(owner, org, "spool");
        var user = await factory.CreateUserAsync(org.Id, role, "credit");
        using var api = await factory.ApiClientAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Http.GetAsync(ApiUrl(org))).StatusCode);
        var put = await PutAsync(api, org, "spool", version, SpoolNew);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal("You don't have permission to manage projects.", await put.ProblemDetailAsync());
        using var page = await factory.SignInAsync(user);
        var (response, _) = await page.GetPageAsync(PageUrl(org));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(version, await VersionAsync(owner, org, "spool"));
    }

    [Fact]
    public async Task Page_shows_every_type_and_refuses_a_wrong_total_with_the_spec_message()
    {
        var (org, api) = await SetupAsync();
        api.Dispose();
        using var page = await factory.SignInAsync(org.Owner);
        var (response, doc) = await page.GetPageAsync(PageUrl(org));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(12, doc.QuerySelectorAll("section.credit-card").Length);
        Assert.Single(doc.QuerySelectorAll("[data-testid=template-field_weld] [data-testid=requires-welder]"));
        Assert.Equal("100", doc.QuerySelector("[data-testid=template-pipe] [data-testid=credit-total]")!.TextContent.Trim());
        Assert.Equal("Partial", doc.QuerySelector("[data-testid=template-pipe] [data-testid=milestone-kind]")!.TextContent.Trim());

        var version = doc.QuerySelector("[data-testid=template-spool] input[name=Version]")!.GetAttribute("value")!;
        var fields = SpoolFields(version, 5, 40, 40, 5, 5, 10);
        var refused = await page.PostFormAsync(PageUrl(org), fields, "[data-testid=template-spool] form");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusedDoc = await refused.DocumentAsync();
        Assert.Equal("Weights must sum to 100% (current: 105)", refusedDoc.QuerySelector("[data-testid=template-spool] [data-testid=credit-error]")!.TextContent.Trim());
        Assert.Equal("10", refusedDoc.QuerySelector("[data-testid=template-spool] input[name='Weights[5].Weight']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Page_saves_through_htmx_and_a_second_stale_editor_gets_the_conflict_message()
    {
        var (org, api) = await SetupAsync();
        api.Dispose();
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool);
        await SetValuesAsync(org, spool.Id, 5m, ("Receive", 100));
        using var page = await factory.SignInAsync(org.Owner);
        var (_, doc) = await page.GetPageAsync(PageUrl(org));
        var version = doc.QuerySelector("[data-testid=template-spool] input[name=Version]")!.GetAttribute("value")!;

        var fields = SpoolFields(version, 10, 35, 35, 10, 5, 5);
        fields["ApplyToExisting"] = "true";
        var saved = await page.PostFormAsync(PageUrl(org), fields, "[data-testid=template-spool] form", htmx: true);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var card = await saved.DocumentAsync();
        Assert.Equal("Rules of credit for Spool saved; 1 components recalculated.", card.QuerySelector("[data-testid=credit-saved]")!.TextContent.Trim());
        Assert.Equal(10m, (await factory.ReloadAsync(org.Id, spool.Id)).Percent);

        var stale = await page.PostFormAsync(PageUrl(org), SpoolFields(version, 5, 40, 40, 5, 5, 5), "[data-testid=template-spool] form", htmx: true);
        var staleCard = await stale.DocumentAsync();
        Assert.Equal("Rules of credit for Spool were changed by another user. Reload to see the current weights.",
            staleCard.QuerySelector("[data-testid=credit-error]")!.TextContent.Trim());
        Assert.Equal("10", staleCard.QuerySelector("input[name='Weights[0].Weight']")!.GetAttribute("value"));
    }

    private static Dictionary<string, string> SpoolFields(string version, params int[] weights)
    {
        string[] names = ["Receive", "Erect", "Connect", "Punch", "Test", "Restore"];
        var fields = new Dictionary<string, string> { ["Type"] = "spool", ["Version"] = version };
        for (var i = 0; i < names.Length; i++)
        {
            fields[$"Weights[{i}].Name"] = names[i];
            fields[$"Weights[{i}].Weight"] = weights[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return fields;
    }

    private Task SetValuesAsync(TestOrg org, Guid componentId, decimal percent, params (string Name, int Value)[] values) =>
        factory.WithDbAsync(async db =>
        {
            foreach (var (name, value) in values)
            {
                db.MilestoneValues.Add(new MilestoneValueRow
                {
                    ComponentId = componentId,
                    Milestone = name,
                    OrganizationId = org.Id,
                    ProjectId = org.ProjectId!.Value,
                    Value = MilestoneValue.Create(value),
                    SetByUserId = org.Owner.Id,
                    SetAt = factory.Clock.GetUtcNow().UtcDateTime,
                });
            }
            var component = await db.Components.SingleAsync(c => c.Id == componentId);
            component.Percent = percent;
            await db.SaveChangesAsync();
        }, org.Id);
}

[Collection(SqliteCollection.Name)]
public sealed class RulesOfCreditTests_Sqlite(SqliteFactory factory) : RulesOfCreditTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class RulesOfCreditTests_Postgres(PostgresFactory factory) : RulesOfCreditTests(factory);
