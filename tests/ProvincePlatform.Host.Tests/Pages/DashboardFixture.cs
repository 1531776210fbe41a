using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Pages;

/// <summary>
/// A host of the dashboard tests' own (so the figures on the page are exactly the ones <see cref="DashboardScene"/>
/// made, whatever the other collections do), seeded once, and one headless browser reused by every test.
/// </summary>
public sealed class DashboardFixture : GatewayFixture
{
    public DashboardScene Scene { get; private set; } = null!;

    public DashboardBrowser Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Scene = await DashboardScene.SeedAsync(this);
        Browser = new DashboardBrowser(await HeadlessChromium.StartAsync(Viewport.Desktop.Width, Viewport.Desktop.Height), BaseAddress);
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            Browser.Driver.Quit();
            Browser.Driver.Dispose();
        }

        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
