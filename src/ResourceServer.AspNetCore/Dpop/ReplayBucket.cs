namespace ResourceServer.AspNetCore.Dpop;

/// <summary>One generation of the in-process replay store: the proofs whose window ends before <see cref="End"/> (and
/// after the previous bucket's end), and how many of them each key made. Dropped whole once <see cref="End"/> has passed,
/// so no entry is ever swept one by one.</summary>
internal sealed class ReplayBucket(long end)
{
    private readonly HashSet<ProofDigest> _proofs = [];
    private readonly Dictionary<string, int> _perKey = new(StringComparer.Ordinal);

    /// <summary>UTC ticks: from then on none of its proofs could pass the <c>iat</c> check anyway.</summary>
    public long End { get; } = end;

    public int Count => _proofs.Count;

    /// <summary>How many proofs each key (JWK thumbprint) has here.</summary>
    public IReadOnlyDictionary<string, int> PerKey => _perKey;

    public bool Contains(ProofDigest proof) => _proofs.Contains(proof);

    public void Add(ProofDigest proof, string thumbprint)
    {
        _proofs.Add(proof);
        _perKey[thumbprint] = _perKey.GetValueOrDefault(thumbprint) + 1;
    }
}
