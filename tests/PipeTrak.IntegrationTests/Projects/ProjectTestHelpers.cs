using System.Net;
using System.Text.Json;
using PipeTrak.IntegrationTests.Infrastructure;

namespace PipeTrak.IntegrationTests.Projects;

public static class ProjectTestHelpers
{
    public static Dictionary<string, string> ProjectFields(string name, string description = "Piping for the new unit", string timeZone = "UTC") => new()
    {
        ["Input.Name"] = name,
        ["Input.Description"] = description,
        ["Input.TimeZone"] = timeZone,
    };

    public static string UniqueName(string prefix = "Project") => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The message the error page shows for a full-page refusal.</summary>
    public static async Task<string> ErrorMessageAsync(this HttpResponseMessage response)
    {
        var doc = await response.DocumentAsync();
        return doc.QuerySelector("[data-testid=error-message]")?.TextContent.Trim()
            ?? throw new InvalidOperationException($"No error message in {(int)response.StatusCode}: {doc.Body?.TextContent}");
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    /// <summary>The first validation message for <paramref name="field"/> in a ValidationProblem.</summary>
    public static async Task<string> ProblemErrorAsync(this HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.JsonAsync();
        return json.GetProperty("errors").GetProperty(field)[0].GetString()!;
    }

    public static async Task<string> ProblemDetailAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.JsonAsync()).GetProperty("detail").GetString()!;
    }
}
