using System.Text;
using System.Text.RegularExpressions;

namespace MessagesApi.Tests.Fixtures;

/// <summary>A .dockerignore read the way Docker reads it: patterns relative to the context's root, `*` and `?` within one
/// path segment, `**` across any number, and a path is left out when it or any folder above it matches.</summary>
public sealed class DockerIgnore
{
    private readonly Regex[] _patterns;

    public DockerIgnore(string path)
    {
        _patterns = File.ReadAllLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.StartsWith('!')
                ? throw new NotSupportedException($"Exceptions ({line}) are not read here; teach DockerIgnore before using them.")
                : ToRegex(line.Trim('/')))
            .ToArray();
    }

    /// <summary>Whether Docker leaves this path (relative to the context, '/'-separated) out of the build context.</summary>
    public bool Excludes(string relativePath)
    {
        var segments = relativePath.Split('/');
        return Enumerable.Range(1, segments.Length)
            .Select(count => string.Join('/', segments.Take(count)))
            .Any(pathOrParent => _patterns.Any(pattern => pattern.IsMatch(pathOrParent)));
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i..].StartsWith("**/", StringComparison.Ordinal))
            {
                regex.Append("(.*/)?");
                i += 2;
            }
            else if (pattern[i..].StartsWith("**", StringComparison.Ordinal))
            {
                regex.Append(".*");
                i++;
            }
            else
            {
                regex.Append(pattern[i] switch { '*' => "[^/]*", '?' => "[^/]", _ => Regex.Escape(pattern[i].ToString()) });
            }
        }
        return new Regex(regex.Append('$').ToString());
    }
}
