using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Dashboard;
using PipeTrak.Web.Features.Demo;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Imports;
using PipeTrak.Web.Features.Manhours;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Organizations;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Review;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Features.Welds;
using PipeTrak.Web.Features.Welds.Import;
using PipeTrak.Web.Infrastructure.Api;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Email;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Observability;
using PipeTrak.Web.Infrastructure.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddData();
builder.AddSecurity();
builder.Services.AddEmail();
builder.Services.AddApi();
builder.Services.AddPages();
builder.Services.AddAccount();
builder.Services.AddOrganizations();
builder.Services.AddProjects();
builder.Services.AddTeam();
builder.Services.AddDemo();
builder.Services.AddMilestones();
builder.Services.AddPackages();
builder.Services.AddTemplates();
builder.Services.AddManhours();
builder.Services.AddImports();
builder.Services.AddWelds();
builder.Services.AddReview();
builder.Services.AddWeldImports();
builder.Services.AddDrawings();
builder.Services.AddComponents();

var app = builder.Build();

if (await app.RunCommandAsync(args) is { } exitCode)
{
    return exitCode;
}
await app.PrepareEmbeddedDatabaseAsync();

app.UseForwardedHeaders();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseExceptionHandler("/error/500");
// Pages get the error page; the API gets ProblemDetails for bare status codes (404, 405, 415...).
app.UseWhen(ctx => !ErrorResponses.IsApi(ctx.Request), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
app.UseWhen(ctx => ErrorResponses.IsApi(ctx.Request), api => api.UseStatusCodePages());
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseWhen(ctx => ErrorResponses.IsApi(ctx.Request), api => api
    .UseMiddleware<ApiBadRequestMiddleware>()
    .UseMiddleware<IdempotencyMiddleware>());

app.MapServiceDefaults();
app.MapApiDocs();
app.MapRazorPages();
var api = app.MapApiV1();
api.MapAccountEndpoints();
api.MapOrganizationEndpoints();
api.MapProjectEndpoints();
api.MapTeamEndpoints();
api.MapMilestoneEndpoints();
api.MapPackageEndpoints();
api.MapTemplateEndpoints();
api.MapManhourEndpoints();
api.MapDashboardEndpoints();
api.MapImportEndpoints();
api.MapWeldEndpoints();
api.MapReviewEndpoints();
api.MapWeldImportEndpoints();
api.MapDrawingEndpoints();
api.MapComponentEndpoints();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the test projects.</summary>
public partial class Program;
