namespace PipeTrak.E2E.Infrastructure;

/// <summary>
/// All journeys share one app host and one browser and run one after the other (the machine has
/// two cores; a journey is a user's whole path, so they are few).
/// </summary>
[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<AppHost>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "e2e";
}
