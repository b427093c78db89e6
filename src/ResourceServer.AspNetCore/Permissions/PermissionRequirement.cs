using Microsoft.AspNetCore.Authorization;

namespace ResourceServer.AspNetCore.Permissions;

internal sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;
