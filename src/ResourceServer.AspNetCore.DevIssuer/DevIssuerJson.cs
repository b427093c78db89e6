using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>The development issuer's bodies, serialised without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DevToken))]
// DevToken.Claims holds objects; the serialiser looks up each value's run-time type, and these are the ones DevTokenMinter puts there.
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(DevIssuerEndpoints.DiscoveryDocument))]
[JsonSerializable(typeof(DevIssuerEndpoints.JsonWebKeySetDocument))]
internal sealed partial class DevIssuerJson : JsonSerializerContext;
