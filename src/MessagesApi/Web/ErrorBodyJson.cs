using System.Text.Json;
using System.Text.Json.Serialization;

namespace MessagesApi.Web;

/// <summary>The error bodies, serialised without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ErrorMessage))]
[JsonSerializable(typeof(BearerError))]
[JsonSerializable(typeof(PermissionError))]
internal sealed partial class ErrorBodyJson : JsonSerializerContext;
