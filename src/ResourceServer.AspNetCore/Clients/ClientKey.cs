using System.Buffers.Binary;
using System.Net;

namespace ResourceServer.AspNetCore.Clients;

/// <summary>Who a request comes from, for the failure budget: an IPv4 address, or the /64 of an IPv6 address, since one
/// IPv6 host usually holds a whole /64 and could otherwise spray a new address per request.</summary>
internal readonly record struct ClientKey(UInt128 Value)
{
    private static readonly UInt128 Ipv4Mapped = (UInt128)0xFFFF << 32;
    private static readonly UInt128 Upper64 = UInt128.MaxValue << 64;

    public static ClientKey From(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        if (written == 4)
            return new(Ipv4Mapped | BinaryPrimitives.ReadUInt32BigEndian(bytes));
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return new(IsIpv4Mapped(value) ? value : value & Upper64);
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return IsIpv4Mapped(Value) ? new IPAddress(bytes[12..]).ToString() : $"{new IPAddress(bytes)}/64";
    }

    private static bool IsIpv4Mapped(UInt128 value) => value >> 32 == 0xFFFF;
}
