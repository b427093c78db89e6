using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.Playwright;

namespace MessagesApi.Tests;

/// <summary>Swagger UI's try-it-out in a real headless Chromium (Debian's, never a downloaded one) against the API
/// started as `dotnet run` starts it: Development, on its built-in issuer.</summary>
public sealed class SwaggerUiBrowserTests : IAsyncLifetime
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"messagesapi-browser-keys-{Guid.NewGuid():N}.json");
    private ApiProcess? _api;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Task InitializeAsync() => Task.CompletedTask;

    [BrowserFact]
    public async Task Authorized_with_a_dev_admin_token_try_it_out_shows_the_admin_message()
    {
        var page = await OpenSwaggerUi();
        var token = await DevToken("?permission=read:admin-messages");

        await page.ClickAsync("button.authorize");
        await page.FillAsync(".modal-ux input[type=text]", token);
        await page.ClickAsync(".modal-ux button.modal-btn.auth.authorize");
        await page.ClickAsync(".modal-ux button.btn-done");
        var body = await ExecuteAdmin(page);

        body.Should().Contain("This is an admin message.");
    }

    [BrowserFact]
    public async Task Without_a_token_try_it_out_shows_the_401()
    {
        var page = await OpenSwaggerUi();

        var body = await ExecuteAdmin(page);

        body.Should().Contain("Requires authentication");
        (await page.InnerTextAsync("#operations-Messages-GetAdmin .live-responses-table tbody .response-col_status")).Should().Contain("401");
    }

    private async Task<IPage> OpenSwaggerUi()
    {
        _api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DevIssuer__KeyFile"] = _keyFile,
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Prerequisites.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(new Uri(_api.BaseAddress, "/swagger/index.html").ToString());
        await page.WaitForSelectorAsync("#operations-Messages-GetAdmin");
        return page;
    }

    private static async Task<string> ExecuteAdmin(IPage page)
    {
        await page.ClickAsync("#operations-Messages-GetAdmin .opblock-summary");
        await page.ClickAsync("#operations-Messages-GetAdmin button.try-out__btn");
        await page.ClickAsync("#operations-Messages-GetAdmin button.execute");
        var body = await page.WaitForSelectorAsync("#operations-Messages-GetAdmin .live-responses-table .response-col_description pre");
        return await body!.InnerTextAsync();
    }

    private async Task<string> DevToken(string query) =>
        (await _api!.Client().GetFromJsonAsync<JsonElement>("/dev/token" + query)).GetProperty("access_token").GetString()!;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_api is not null)
            await _api.DisposeAsync();
        File.Delete(_keyFile);
    }
}
