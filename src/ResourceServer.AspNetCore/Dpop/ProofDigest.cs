using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>What the in-process replay store keeps of a proof: 128 bits of the SHA-256 of its replay key. Two ulongs, not
/// a <see cref="UInt128"/>, whose 16-byte alignment would pad each set entry from 24 bytes to 32. The hash code mixes in
/// the process's random seed (<see cref="HashCode"/>), so keys chosen to collide in a set cannot be prepared ahead.</summary>
internal readonly record struct ProofDigest(ulong High, ulong Low)
{
    public static ProofDigest Of(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return new(BinaryPrimitives.ReadUInt64LittleEndian(hash), BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]));
    }

    public bool Equals(ProofDigest other) => High == other.High && Low == other.Low;

    public override int GetHashCode() => HashCode.Combine(High, Low);
}
