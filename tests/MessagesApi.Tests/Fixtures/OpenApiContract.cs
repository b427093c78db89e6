using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace MessagesApi.Tests.Fixtures;

/// <summary>The API's own OpenAPI document as a contract: a real response either matches the schema the document gives
/// its path, method, status and content type (checked by JsonSchema.Net), or is a mismatch described in words.</summary>
public sealed class OpenApiContract(JsonObject document)
{
    public const string DocumentPath = "/swagger/v1/swagger.json";

    private const string ComponentSchemas = "#/components/schemas/";

    public static async Task<OpenApiContract> OfAsync(HttpClient api) =>
        new((await api.GetFromJsonAsync<JsonObject>(DocumentPath))!);

    /// <summary>What is wrong with <paramref name="response"/> to <c>method path</c> by the document; null when nothing.</summary>
    public async Task<string?> MismatchAsync(HttpMethod method, string path, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var answer = $"{method} {path} answered {status}";
        if (document["paths"]?[path]?[method.Method.ToLowerInvariant()] is not JsonObject operation)
            return $"{answer}, an operation the document does not describe";
        if (operation["responses"]?[status.ToString()] is not JsonObject documented)
            return $"{answer}, a status the document does not list for it";
        var body = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (body.Length == 0)
            return documented["content"] is null ? null : $"{answer} with no body, where the document describes one";
        if (mediaType is null || documented["content"]?[mediaType]?["schema"] is not { } schema)
            return $"{answer} with {mediaType ?? "no content type"}, which the document does not describe for that status";
        var results = SchemaFor(schema).Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid ? null : $"{answer} with {body}, which fails its schema: {Errors(results)}";
    }

    /// <summary>The response's schema as JSON Schema 2020-12: the document's components become <c>$defs</c> its
    /// <c>$ref</c>s resolve in, and OpenAPI 3.0's <c>nullable</c> becomes a "null" type.</summary>
    private JsonSchema SchemaFor(JsonNode schema)
    {
        var root = (JsonObject)AsJsonSchema(schema.DeepClone());
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = AsJsonSchema(document["components"]!["schemas"]!.DeepClone());
        return JsonSchema.FromText(root.ToJsonString(), baseUri: new Uri($"https://messagesapi.test/{Guid.NewGuid():N}"));
    }

    private static JsonNode AsJsonSchema(JsonNode node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
                AsJsonSchema(item!);
        }
        if (node is not JsonObject schema)
            return node;
        foreach (var (_, value) in schema.ToArray())
        {
            if (value is JsonObject or JsonArray)
                AsJsonSchema(value);
        }
        if (schema["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith(ComponentSchemas, StringComparison.Ordinal))
            schema["$ref"] = "#/$defs/" + reference[ComponentSchemas.Length..];
        if (schema["nullable"]?.GetValue<bool>() == true && schema["type"] is JsonValue type)
            schema["type"] = new JsonArray(type.GetValue<string>(), "null");
        schema.Remove("nullable");
        return schema;
    }

    private static string Errors(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Prepend(results).Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation} {error.Key}: {error.Value}")));
}
