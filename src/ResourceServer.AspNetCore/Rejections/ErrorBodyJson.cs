using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResourceServer.AspNetCore.Rejections;

/// <summary>The error bodies, serialised without reflection (and <see cref="RefusalBody"/>, which only describes two of them).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ErrorMessage))]
[JsonSerializable(typeof(BearerError))]
[JsonSerializable(typeof(PermissionError))]
[JsonSerializable(typeof(RefusalBody))]
internal sealed partial class ErrorBodyJson : JsonSerializerContext;
