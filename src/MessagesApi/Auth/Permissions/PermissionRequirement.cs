using Microsoft.AspNetCore.Authorization;

namespace MessagesApi.Auth;

internal sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;
