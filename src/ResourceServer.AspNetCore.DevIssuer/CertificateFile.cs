using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ResourceServer.AspNetCore.Binding;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>A client certificate file, as the token command's <c>--cert</c> names it: PEM or DER.</summary>
internal static class CertificateFile
{
    public static bool TryReadThumbprint(string path, out string? thumbprint, out string refusal)
    {
        (thumbprint, refusal) = (null, "");
        if (!File.Exists(path))
        {
            // dotnet run starts the command in the project's folder, not the shell's: a relative path is read from there.
            refusal = $"--cert {path}: no such file as {Path.GetFullPath(path)}; give the client certificate's PEM or DER file by its full path.";
            return false;
        }
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(path);
            thumbprint = ClientCertificate.ThumbprintOf(certificate.RawData);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            refusal = $"--cert {path}: no certificate could be read from it ({e.Message.TrimEnd('.')}); give a PEM or DER certificate file.";
            return false;
        }
    }
}
