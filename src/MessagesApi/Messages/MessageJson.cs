using System.Text.Json;
using System.Text.Json.Serialization;

namespace MessagesApi.Messages;

/// <summary>The messages, serialised without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Message))]
internal sealed partial class MessageJson : JsonSerializerContext;
