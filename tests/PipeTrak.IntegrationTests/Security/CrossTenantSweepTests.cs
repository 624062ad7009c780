using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Manhours;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Features.Welds;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.IntegrationTests.Security;

/// <summary>
/// PPL-070: an owner of organization A (every permission, so a 403 can never hide a leak) requests
/// every route of the app with organization B's ids: every answer is 404, identical to an unknown
/// id, and B's data is unchanged afterwards. Routes are discovered from the endpoint table, so a
/// new route with an id parameter fails this test until it is covered here.
/// </summary>
public abstract class CrossTenantSweepTests(PipeTrakFactory factory)
{
    private sealed record OrgB(TestOrg Org, TestUser Foreman, Guid InvitationId, Guid TokenId, string ProjectName, Guid ComponentId)
    {
        public Guid DrawingId { get; init; }
        public string DrawingNumber { get; init; } = "";
        public Guid AreaId { get; init; }
        public Guid SystemId { get; init; }
        public Guid PackageId { get; init; }
        public Guid StageId { get; init; }
        public Guid BudgetId { get; init; }
        public Guid ImportId { get; init; }
        public Guid WeldImportId { get; init; }
        public Guid WeldId { get; init; }
        public Guid WelderId { get; init; }
        public Guid ReviewItemId { get; init; }
    }

    [Fact]
    public async Task Every_route_with_an_id_answers_404_for_another_organizations_resources_and_changes_nothing()
    {
        var a = await factory.CreateOrganizationAsync();
        var b = await SeedOrgBAsync();
        using var page = await factory.SignInAsync(a.Owner);
        using var api = await factory.ApiClientAsync(a.Owner);
        var token = await page.AntiforgeryTokenAsync("/team");

        var failures = new List<string>();
        foreach (var endpoint in Endpoints())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).Where(n => n is not ("code" or "documentName")).ToList();
            if (parameters.Count == 0)
            {
                continue;
            }
            var url = route;
            foreach (var name in parameters)
            {
                var value = Resolve(route, name, b);
                if (value is null)
                {
                    failures.Add($"{route}: no org-B value for {{{name}}}; extend CrossTenantSweepTests.Resolve");
                    continue;
                }
                url = System.Text.RegularExpressions.Regex.Replace(url, "\\{" + name + "[^}]*\\}", value);
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var isApi = route.StartsWith("/api/", StringComparison.Ordinal);
            foreach (var method in methods)
            {
                if (isApi)
                {
                    var body = method is "GET" or "DELETE" && !route.EndsWith("{projectId:guid}", StringComparison.Ordinal) ? null : new { name = "Hijack", role = "viewer", version = Guid.Empty, confirmName = b.ProjectName, description = "x", timeZone = "UTC" };
                    var response = await api.SendJsonAsync(new HttpMethod(method), url, body);
                    Expect404(failures, $"API {method} {url}", response);
                }
                else if (method == "GET")
                {
                    Expect404(failures, $"GET {url}", await page.Http.GetAsync(url));
                }
                else
                {
                    foreach (var handler in PostHandlers(endpoint))
                    {
                        var target = handler is null ? url : $"{url}?handler={handler}";
                        var fields = new Dictionary<string, string>
                        {
                            ["__RequestVerificationToken"] = token,
                            ["ConfirmName"] = b.ProjectName,
                            ["Input.Name"] = "Hijack",
                            ["Input.Description"] = "x",
                            ["Input.TimeZone"] = "UTC",
                        };
                        var response = await page.Http.PostAsync(target, new FormUrlEncodedContent(fields));
                        Expect404(failures, $"POST {target}", response);
                    }
                }
            }
        }

        // Team page actions name org-B members and invitations in form fields, not in the route.
        foreach (var (handler, field, value) in new (string, string, Guid)[]
        {
            ("ChangeRole", "UserId", b.Foreman.Id),
            ("Remove", "UserId", b.Foreman.Id),
            ("Resend", "InvitationId", b.InvitationId),
            ("Revoke", "InvitationId", b.InvitationId),
        })
        {
            var response = await page.Http.PostAsync($"/team?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                [field] = value.ToString(),
                ["Role"] = "viewer",
            }));
            Expect404(failures, $"POST /team?handler={handler} ({field} of org B)", response);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await AssertOrgBUnchangedAsync(b);
    }

    [Fact]
    public async Task Lists_and_searches_never_show_another_organization()
    {
        var a = await factory.CreateOrganizationAsync();
        var b = await SeedOrgBAsync();
        using var page = await factory.SignInAsync(a.Owner);
        using var api = await factory.ApiClientAsync(a.Owner);

        var texts = new List<string>
        {
            await (await api.Http.GetAsync("/api/v1/projects?archived=true")).Content.ReadAsStringAsync(),
            await (await api.Http.GetAsync("/api/v1/members")).Content.ReadAsStringAsync(),
            await (await api.Http.GetAsync("/api/v1/invitations")).Content.ReadAsStringAsync(),
            await (await api.Http.GetAsync("/api/v1/me/tokens")).Content.ReadAsStringAsync(),
            await (await api.Http.GetAsync("/api/v1/organization")).Content.ReadAsStringAsync(),
            await (await page.Http.GetAsync("/projects?archived=true")).Content.ReadAsStringAsync(),
            await (await page.Http.GetAsync("/team?status=Pending")).Content.ReadAsStringAsync(),
            await (await page.Http.GetAsync("/dashboard")).Content.ReadAsStringAsync(),
        };
        // A search for B's member finds nothing (the search box itself echoes the query).
        var (_, search) = await page.GetPageAsync("/team?search=" + Uri.EscapeDataString(b.Foreman.Email));
        Assert.Contains("No results found", search.QuerySelector("#main")!.TextContent, StringComparison.Ordinal);

        foreach (var text in texts)
        {
            Assert.DoesNotContain(b.ProjectName, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(b.Foreman.Email, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(b.Org.Owner.Email, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(b.Org.Name, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(b.DrawingNumber, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("B secret", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static void Expect404(List<string> failures, string what, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            failures.Add($"{what}: expected 404, got {(int)response.StatusCode}");
        }
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null)
            .OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal);

    /// <summary>Named POST handlers of a page (null = the unnamed OnPost), from its compiled descriptor.</summary>
    private static IEnumerable<string?> PostHandlers(RouteEndpoint endpoint)
    {
        var descriptor = endpoint.Metadata.OfType<CompiledPageActionDescriptor>().FirstOrDefault();
        var handlers = descriptor?.HandlerMethods
            .Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Name)
            .Distinct()
            .ToList();
        return handlers is { Count: > 0 } ? handlers : [null];
    }

    private static string? Resolve(string route, string parameter, OrgB b) => parameter switch
    {
        "projectId" => b.Org.ProjectId.ToString(),
        "userId" => b.Foreman.Id.ToString(),
        "componentId" => b.ComponentId.ToString(),
        "drawingId" => b.DrawingId.ToString(),
        "areaId" => b.AreaId.ToString(),
        "systemId" => b.SystemId.ToString(),
        "packageId" => b.PackageId.ToString(),
        "stageId" => b.StageId.ToString(),
        "action" => "complete",
        "importId" when route.Contains("/welds/import", StringComparison.Ordinal) => b.WeldImportId.ToString(),
        "importId" => b.ImportId.ToString(),
        "weldId" => b.WeldId.ToString(),
        "welderId" => b.WelderId.ToString(),
        "itemId" => b.ReviewItemId.ToString(),
        "milestone" => DefaultTemplates.Receive,
        "type" => ComponentType.Spool.Code(),
        "budgetId" => b.BudgetId.ToString(),
        "id" when route.Contains("/invitations/", StringComparison.Ordinal) => b.InvitationId.ToString(),
        "id" when route.Contains("/me/tokens/", StringComparison.Ordinal) => b.TokenId.ToString(),
        _ => null,
    };

    private async Task<OrgB> SeedOrgBAsync()
    {
        var org = await factory.CreateOrganizationAsync();
        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "bforeman");
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var invitationId = Guid.CreateVersion7();
        var tokenId = Guid.CreateVersion7();
        await factory.WithDbAsync(async db =>
        {
            db.Invitations.Add(new Invitation
            {
                Id = invitationId,
                OrganizationId = org.Id,
                Email = factory.UniqueEmail("binvitee"),
                Role = OrgRole.Viewer,
                TokenHash = SecureToken.Hash(SecureToken.Generate()),
                Status = InvitationStatus.Pending,
                InvitedByUserId = org.Owner.Id,
                CreatedAt = now,
                ExpiresAt = now + Invitation.Lifetime,
            });
            db.ApiTokens.Add(new ApiToken
            {
                Id = tokenId,
                UserId = org.Owner.Id,
                Name = "b token",
                TokenHash = SecureToken.Hash(SecureToken.Generate(ApiToken.Prefix)),
                Hint = "ptk_bbbb",
                CreatedAt = now,
            });
            await db.SaveChangesAsync();
        }, org.Id);
        var projectName = await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == org.ProjectId).Select(p => p.Name).SingleAsync(), org.Id);
        var component = await factory.AddComponentAsync(org, ComponentType.Spool, budgetedManhours: 8m);
        var drawing = new Drawing { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = org.ProjectId!.Value, Title = "B secret drawing" };
        drawing.SetNumber("B-SECRET-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant());
        var area = new Area { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = drawing.ProjectId, Name = "B secret area" };
        var system = new PlantSystem { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = drawing.ProjectId, Name = "B secret system" };
        var package = new TestPackage { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = drawing.ProjectId, Name = "B secret package", TestType = TestType.InService };
        var stage = new PackageStage { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = drawing.ProjectId, PackageId = package.Id, Number = 1, Kind = StageKind.Final };
        var importRun = new PipeTrak.Web.Features.Imports.ImportRun
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.Id,
            ProjectId = drawing.ProjectId,
            UserId = org.Owner.Id,
            UserName = "B owner",
            FileName = "b-secret-takeoff.csv",
            CreatedAt = now,
        };
        var weldImportRun = new PipeTrak.Web.Features.Imports.ImportRun
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.Id,
            ProjectId = drawing.ProjectId,
            UserId = org.Owner.Id,
            UserName = "B owner",
            Kind = PipeTrak.Web.Features.Imports.ImportRun.WeldsKind,
            FileName = "b-secret-welds.csv",
            CanImport = true,
            CreatedAt = now,
        };
        var budget = new ManhourBudget
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.Id,
            ProjectId = drawing.ProjectId,
            Number = 1,
            TotalManhours = 8m,
            Reason = "B secret budget",
            EffectiveDate = DateOnly.FromDateTime(now),
            IsActive = true,
            CreatedAt = now,
            DistributedAt = now,
            ComponentCount = 1,
            DistributedManhours = 8m,
        };
        await factory.WithDbAsync(async db =>
        {
            db.AddRange(drawing, area, system, package, stage, importRun, weldImportRun);
            await db.SaveChangesAsync();
            var stored = await db.Components.SingleAsync(c => c.Id == component.Id);
            stored.DrawingId = drawing.Id;
            stored.AreaId = area.Id;
            stored.SystemId = system.Id;
            stored.PackageId = package.Id;
            db.ManhourBudgets.Add(budget);
            await db.SaveChangesAsync();
        }, org.Id);
        // A welder and a weld (field_weld component + weld record) on B's drawing.
        var welder = new Welder { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = drawing.ProjectId, Stencil = "BS-1", Name = "B secret welder", CreatedAt = now };
        var weldComponent = ComponentSeed.NewComponent(org.Id, drawing.ProjectId, ComponentType.FieldWeld, "B-W-1", now);
        weldComponent.DrawingId = drawing.Id;
        var weld = new Weld
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.Id,
            ProjectId = drawing.ProjectId,
            ComponentId = weldComponent.Id,
            Number = "B-W-1",
            SortKey = WeldSort.Key("B-W-1"),
            Size = "2",
            Spec = "CS",
            CreatedAt = now,
        };
        var reviewItem = new ReviewItem
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.Id,
            ProjectId = drawing.ProjectId,
            Type = ReviewItemTypes.VerifyWelder,
            ComponentId = weldComponent.Id,
            Payload = """{"stencil":"BS-1"}""",
            CreatedAt = now,
        };
        await factory.WithDbAsync(async db =>
        {
            db.AddRange(welder, weldComponent, weld);
            await db.SaveChangesAsync();
            db.ReviewItems.Add(reviewItem);
            await db.SaveChangesAsync();
        }, org.Id);
        return new OrgB(org, foreman, invitationId, tokenId, projectName, component.Id)
        {
            WeldId = weld.Id,
            WelderId = welder.Id,
            ReviewItemId = reviewItem.Id,
            DrawingId = drawing.Id,
            DrawingNumber = drawing.Number,
            AreaId = area.Id,
            SystemId = system.Id,
            PackageId = package.Id,
            StageId = stage.Id,
            BudgetId = budget.Id,
            ImportId = importRun.Id,
            WeldImportId = weldImportRun.Id,
        };
    }

    private async Task AssertOrgBUnchangedAsync(OrgB b)
    {
        await factory.WithDbAsync(async db =>
        {
            var project = await db.Projects.SingleAsync(p => p.Id == b.Org.ProjectId);
            Assert.Equal(b.ProjectName, project.Name);
            Assert.False(project.IsArchived);
            var invitation = await db.Invitations.SingleAsync(i => i.Id == b.InvitationId);
            Assert.Equal(InvitationStatus.Pending, invitation.Status);
            var foreman = await db.Users.SingleAsync(u => u.Id == b.Foreman.Id);
            Assert.Equal(b.Org.Id, foreman.OrganizationId);
            Assert.Equal(OrgRole.Foreman, foreman.Role);
            var token = await db.ApiTokens.SingleAsync(t => t.Id == b.TokenId);
            Assert.Null(token.RevokedAt);
            var orgName = await db.Organizations.Where(o => o.Id == b.Org.Id).Select(o => o.Name).SingleAsync();
            Assert.Equal(b.Org.Name, orgName);
            Assert.False(await db.MilestoneEvents.AnyAsync(e => e.ComponentId == b.ComponentId));
            Assert.False(await db.MilestoneValues.AnyAsync(v => v.ComponentId == b.ComponentId));
            var bComponent = await db.Components.SingleAsync(c => c.Id == b.ComponentId);
            Assert.Equal(0m, bComponent.Percent);
            Assert.Null(bComponent.RetiredAt);
            Assert.Equal((b.DrawingId, b.AreaId, b.SystemId, b.PackageId), (bComponent.DrawingId!.Value, bComponent.AreaId!.Value, bComponent.SystemId!.Value, bComponent.PackageId!.Value));
            var bDrawing = await db.Drawings.SingleAsync(d => d.Id == b.DrawingId);
            Assert.Equal(("B secret drawing", b.DrawingNumber, (DateTime?)null), (bDrawing.Title, bDrawing.Number, bDrawing.RetiredAt));
            Assert.Equal("B secret package", await db.TestPackages.Where(p => p.Id == b.PackageId).Select(p => p.Name).SingleAsync());
            Assert.Equal(StageStatus.NotStarted, await db.PackageStages.Where(s => s.Id == b.StageId).Select(s => s.Status).SingleAsync());
            Assert.False(await db.PackageCertificates.AnyAsync(c => c.PackageId == b.PackageId));
            Assert.Equal(8m, bComponent.BudgetedManhours);
            var budgets = await db.ManhourBudgets.AsNoTracking().Where(x => x.ProjectId == b.Org.ProjectId).ToListAsync();
            Assert.Equal((b.BudgetId, true, 8m), (Assert.Single(budgets).Id, budgets[0].IsActive, budgets[0].TotalManhours));
            Assert.Equal(0, await db.AuditEntries.CountAsync(x => x.ProjectId == b.Org.ProjectId && x.Action.StartsWith("rules_of_credit")));
            var bImport = await db.ImportRuns.SingleAsync(r => r.Id == b.ImportId);
            Assert.Equal((PipeTrak.Web.Features.Imports.ImportStatus.Previewed, (DateTime?)null), (bImport.Status, bImport.CompletedAt));
            var bWeldImport = await db.ImportRuns.SingleAsync(r => r.Id == b.WeldImportId);
            Assert.Equal((PipeTrak.Web.Features.Imports.ImportStatus.Previewed, (DateTime?)null), (bWeldImport.Status, bWeldImport.CompletedAt));
            Assert.Equal(2, await db.Components.CountAsync(c => c.ProjectId == b.Org.ProjectId)); // the spool and the weld seeded here
            var bWeld = await db.Welds.SingleAsync(w => w.Id == b.WeldId);
            Assert.Equal(((Guid?)null, (NdeResult?)null, "2", (Guid?)null), (bWeld.WelderId, bWeld.NdeResult, bWeld.Size, bWeld.OriginalWeldId));
            Assert.False(await db.Welds.AnyAsync(w => w.OriginalWeldId == b.WeldId));
            Assert.False(await db.WeldEvents.AnyAsync(e => e.WeldId == b.WeldId));
            Assert.Null((await db.Components.SingleAsync(c => c.Id == bWeld.ComponentId)).RetiredAt);
            var bWelder = await db.Welders.SingleAsync(w => w.Id == b.WelderId);
            Assert.Equal(("BS-1", "B secret welder", false), (bWelder.Stencil, bWelder.Name, bWelder.IsVerified));
            Assert.Equal(1, await db.Welds.CountAsync(w => w.ProjectId == b.Org.ProjectId));
            var bItem = await db.ReviewItems.SingleAsync(i => i.Id == b.ReviewItemId);
            Assert.Equal((ReviewItemTypes.Pending, (Guid?)null, (string?)null), (bItem.Status, bItem.ResolvedByUserId, bItem.Note));
        }, b.Org.Id);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CrossTenantSweepTests_Sqlite(SqliteFactory factory) : CrossTenantSweepTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class CrossTenantSweepTests_Postgres(PostgresFactory factory) : CrossTenantSweepTests(factory);
