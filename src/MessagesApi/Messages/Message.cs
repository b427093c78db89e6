namespace MessagesApi.Messages;

public sealed record Message(string Text);
