using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResourceServer.AspNetCore.ResourceMetadata;

/// <summary>The RFC 9728 document, serialised without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProtectedResourceMetadata))]
internal sealed partial class ProtectedResourceMetadataJson : JsonSerializerContext;
