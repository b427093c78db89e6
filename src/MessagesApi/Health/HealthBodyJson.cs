using System.Text.Json;
using System.Text.Json.Serialization;

namespace MessagesApi.Health;

/// <summary>The health bodies, serialised without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthBody))]
internal sealed partial class HealthBodyJson : JsonSerializerContext;
