using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResourceServer.AspNetCore.Explainer;

/// <summary>/dev/explain's body, serialised without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TokenExplanation))]
internal sealed partial class TokenExplanationJson : JsonSerializerContext;
