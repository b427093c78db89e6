namespace MessagesApi.Tests.Fixtures;

/// <summary>What a command that ran to completion left: its exit code and both output streams.</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError);
