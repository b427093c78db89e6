using System.Text.Json;
using System.Text.RegularExpressions;

namespace MessagesApi.Tests.Fixtures;

/// <summary>Reads and runs a .http file: <c>@name = value</c> variables and <c>###</c> between requests, which every client
/// reads; a response passed on as VS Code REST Client and Visual Studio do it, <c># @name</c> naming a request and
/// <c>{{name.response.body.$.field}}</c> using its response, or as JetBrains' HTTP Client does it, a response handler
/// <c>&gt; {% client.global.set("variable", response.body.field); %}</c> setting a variable.</summary>
public sealed partial class HttpFile
{
    private readonly Dictionary<string, string> _variables;
    private readonly Dictionary<string, JsonElement> _responses = new();

    public HttpFile(string text) => Requests = Parse(text, out _variables);

    public sealed record Request(string Title, string? Name, int ExpectedStatus, string Method, string Url, IReadOnlyList<(string Name, string Value)> Headers,
        IReadOnlyList<(string Variable, string Field)> GlobalsSet);

    public IReadOnlyList<Request> Requests { get; }

    /// <summary>Sends every request in order and returns what each answered.</summary>
    public async Task<IReadOnlyList<(Request Request, int Status)>> RunAsync(HttpClient client, string baseUrl)
    {
        _variables["baseUrl"] = baseUrl;
        var results = new List<(Request, int)>();
        foreach (var request in Requests)
        {
            var message = new HttpRequestMessage(new HttpMethod(request.Method), Expand(request.Url));
            foreach (var (name, value) in request.Headers)
                message.Headers.TryAddWithoutValidation(name, Expand(value));
            var response = await client.SendAsync(message);
            if (request.Name is not null || request.GlobalsSet.Count > 0)
            {
                var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
                if (request.Name is not null)
                    _responses[request.Name] = body;
                foreach (var (variable, field) in request.GlobalsSet)
                    _variables[variable] = body.GetProperty(field).GetString()!;
            }
            results.Add((request, (int)response.StatusCode));
        }
        return results;
    }

    private string Expand(string value) => Placeholder().Replace(value, match =>
    {
        var reference = match.Groups[1].Value;
        var responseReference = ResponseReference().Match(reference);
        if (responseReference.Success)
            return _responses[responseReference.Groups[1].Value].GetProperty(responseReference.Groups[2].Value).GetString()!;
        return Expand(_variables[reference]);
    });

    private static IReadOnlyList<Request> Parse(string text, out Dictionary<string, string> variables)
    {
        variables = new Dictionary<string, string>();
        var requests = new List<Request>();
        var blocks = text.Split("###");
        for (var index = 0; index < blocks.Length; index++)
        {
            var lines = blocks[index].Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            string? name = null;
            var expected = 0;
            string? method = null, url = null;
            var headers = new List<(string, string)>();
            var globals = new List<(string, string)>();
            var title = lines.FirstOrDefault()?.Trim() ?? "";
            // After a ###, the rest of that line is the request's title.
            foreach (var line in lines.Skip(index == 0 ? 0 : 1))
            {
                if (Variable().Match(line) is { Success: true } variable)
                    variables[variable.Groups[1].Value] = variable.Groups[2].Value.Trim();
                else if (line.StartsWith("# @name ", StringComparison.Ordinal))
                    name = line["# @name ".Length..].Trim();
                else if (line.StartsWith("# Expect: ", StringComparison.Ordinal))
                    expected = int.Parse(line["# Expect: ".Length..]);
                else if (GlobalSetHandler().Match(line) is { Success: true } handler)
                    globals.Add((handler.Groups[1].Value, handler.Groups[2].Value));
                else if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line))
                    continue;
                else if (method is null)
                    (method, url) = (line.Split(' ')[0], line.Split(' ')[1]);
                else
                    headers.Add((line[..line.IndexOf(':')].Trim(), line[(line.IndexOf(':') + 1)..].Trim()));
            }
            if (method is not null)
                requests.Add(new Request(title, name, expected, method, url!, headers, globals));
        }
        return requests;
    }

    [GeneratedRegex(@"\{\{([^}]+)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(\w+)\.response\.body\.\$\.(\w+)$")]
    private static partial Regex ResponseReference();

    [GeneratedRegex(@"^> \{% client\.global\.set\(""(\w+)"", response\.body\.(\w+)\); %\}$")]
    private static partial Regex GlobalSetHandler();

    [GeneratedRegex(@"^@(\w+)\s*=\s*(.*)$")]
    private static partial Regex Variable();
}
