namespace MessagesApi.Health;

/// <summary>What /healthz and /readyz answer: <c>{"status":"Unhealthy","reasons":["The API is shutting down."]}</c>.</summary>
internal sealed record HealthBody(string Status, string[] Reasons);
