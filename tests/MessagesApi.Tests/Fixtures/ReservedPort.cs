using System.Net;
using System.Net.Sockets;

namespace MessagesApi.Tests.Fixtures;

/// <summary>A port held for a process a test starts. The socket is bound on every address, IPv4 and IPv6, but never
/// listens: connections to it are refused, and the kernel hands it to no other bind to port 0, yet the process binds it
/// itself, since servers bind with SO_REUSEADDR (Kestrel, node; .NET sets it on this socket too). So the port cannot be
/// taken between choosing it and the process binding it, nor while a stopped process is down before a restart.</summary>
public sealed class ReservedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };

    public ReservedPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}
