namespace ResourceServer.AspNetCore;

/// <summary>The port this API listens on, registered by a host that decides it before it starts (MessagesApi's PORT):
/// Development's default PUBLIC_URL is http://localhost:{port}, and the explainer names it to a developer whose token
/// came from another port. Without it, neither is offered.</summary>
internal sealed record LocalPort(int Port);
