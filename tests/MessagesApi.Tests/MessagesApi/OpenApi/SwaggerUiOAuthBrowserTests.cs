using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MessagesApi.Tests.Fixtures;
using Microsoft.Playwright;

namespace MessagesApi.Tests;

/// <summary>Swagger UI's Authorize in a real headless Chromium against a real provider: the API process trusts npm's
/// oidc-provider, Swagger UI runs the authorization-code + PKCE flow at the endpoints of its discovery document, a person
/// signs in on its login and consent pages, and try-it-out sends the token it got.</summary>
public sealed class SwaggerUiOAuthBrowserTests : IAsyncLifetime
{
    private const string Audience = "https://messages-api.e2e";
    private const string ClientId = "swagger-ui";

    private readonly TestCertificateAuthority _ca = new();
    private readonly OidcProviderProcess _provider;
    private ApiProcess? _api;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public SwaggerUiOAuthBrowserTests() => _provider = new OidcProviderProcess(_ca, Audience);

    public Task InitializeAsync() => Task.CompletedTask;

    [ProviderAndBrowserFact]
    public async Task Signed_in_through_the_provider_s_login_try_it_out_on_protected_shows_200()
    {
        var page = await OpenSwaggerUi();

        await SignInAsync(page, "alice");
        var (status, body) = await TryItOut(page, "GetProtected");

        status.Should().Be("200");
        body.Should().Contain("This is a protected message.");
    }

    private async Task<IPage> OpenSwaggerUi()
    {
        await _provider.StartAsync(OidcProviderProcess.NewKey());
        _api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["AUTH0_DOMAIN"] = _provider.Domain,
            ["AUTH0_AUDIENCE"] = Audience,
            ["SSL_CERT_FILE"] = _ca.CaFile,
            ["Swagger__Enabled"] = "true",
            ["Swagger__OAuthClientId"] = ClientId,
            ["Swagger__OAuthAudienceParameter"] = "Resource",
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Prerequisites.ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                // The provider's certificate alone is trusted, as a browser trusts a real provider's.
                $"--ignore-certificate-errors-spki-list={ProviderKeyPin()}",
            ],
        });
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(new Uri(_api.BaseAddress, "/swagger/index.html").ToString());
        await page.WaitForSelectorAsync("#operations-Messages-GetProtected");
        return page;
    }

    /// <summary>Authorize → the OAuth2 scheme's Authorize opens the provider's login in a popup; any login passes, then
    /// consent; the popup returns to /swagger/oauth2-redirect.html, and Swagger UI exchanges the code.</summary>
    private static async Task SignInAsync(IPage page, string login)
    {
        await page.ClickAsync("button.authorize");
        var oauth = page.Locator(".modal-ux .auth-container").Filter(new LocatorFilterOptions { HasText = "authorizationCode" });
        // Swagger UI hides the scope's checkbox behind its label.
        await oauth.Locator("label[for='read:admin-messages-authorizationCode-checkbox-OAuth2']").ClickAsync();
        var popup = await page.RunAndWaitForPopupAsync(() => oauth.Locator("button.modal-btn.auth.authorize").ClickAsync());
        await popup.FillAsync("input[name=login]", login);
        await popup.FillAsync("input[name=password]", "any password");
        await popup.ClickAsync("button[type=submit]");
        await popup.ClickAsync("button[type=submit]:has-text('Continue')");
        // Swagger UI offers to log out once the code was exchanged for a token.
        await oauth.Locator("button:has-text('Logout')").WaitForAsync();
        await page.ClickAsync(".modal-ux button.btn-done");
    }

    private static async Task<(string Status, string Body)> TryItOut(IPage page, string operation)
    {
        var block = $"#operations-Messages-{operation}";
        await page.ClickAsync($"{block} .opblock-summary");
        await page.ClickAsync($"{block} button.try-out__btn");
        await page.ClickAsync($"{block} button.execute");
        var body = await page.WaitForSelectorAsync($"{block} .live-responses-table .response-col_description pre");
        return ((await page.InnerTextAsync($"{block} .live-responses-table tbody .response-col_status")).Trim(), await body!.InnerTextAsync());
    }

    /// <summary>Chromium's pin for a certificate: the base64 SHA-256 of its SubjectPublicKeyInfo.</summary>
    private string ProviderKeyPin()
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(_ca.ServerCertificateFile));
        return Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_api is not null)
            await _api.DisposeAsync();
        await _provider.DisposeAsync();
        _ca.Dispose();
    }
}

/// <summary>A fact that needs Debian's Chromium, and node with the npm packages in oidc/.</summary>
public sealed class ProviderAndBrowserFactAttribute : FactAttribute
{
    public ProviderAndBrowserFactAttribute()
    {
        if (!Prerequisites.InCi && (Prerequisites.MissingForProvider() ?? Prerequisites.MissingForBrowser()) is { } reason)
            Skip = reason;
    }
}
