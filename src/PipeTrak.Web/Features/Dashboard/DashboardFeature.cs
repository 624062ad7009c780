using PipeTrak.Web.Features.Activity;
using PipeTrak.Web.Features.Rollups;

namespace PipeTrak.Web.Features.Dashboard;

public static class DashboardFeature
{
    /// <summary>The dashboard's API: roll-ups and recent activity.</summary>
    public static RouteGroupBuilder MapDashboardEndpoints(this RouteGroupBuilder api) => api.MapRollups().MapActivity();
}
