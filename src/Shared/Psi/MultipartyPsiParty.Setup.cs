namespace MpcNetwork.Shared.Psi;

// Local preparation of a multi-party PSI party: blinding, zero-shares and OPRF outputs of its own items.
public sealed partial class MultipartyPsiParty
{
    private (byte[] Blinded, byte[] UnblindScalar, int[] SlotItems) BlindOwnSet()
    {
        var bound = _set.Bound;
        var blindScalar = Ristretto255.RandomScalar();
        var permutation = GroupBatch.RandomPermutation(bound);
        var slotItems = new int[bound];
        for (var i = 0; i < bound; i++)
        {
            slotItems[permutation[i]] = i;
        }

        var hashed = HashedItems();
        var blinded = new byte[bound * ElementLength];
        for (var slot = 0; slot < bound; slot++)
        {
            hashed.AsSpan(slotItems[slot] * ElementLength, ElementLength).CopyTo(blinded.AsSpan(slot * ElementLength, ElementLength));
        }

        GroupBatch.Multiply(blindScalar, blinded, blinded, bound);
        return (blinded, Ristretto255.InvertScalar(blindScalar), slotItems);
    }

    private void DrawZeroShares()
    {
        for (var j = 0; j < _partyCount; j++)
        {
            if (j != _index)
            {
                MersenneField.FillRandom(_shares[j]);
            }
        }

        // The kept share makes every item's shares sum to 0.
        for (var x = 0; x < _items.Length; x++)
        {
            var sum = 0UL;
            for (var j = 0; j < _partyCount; j++)
            {
                if (j != _index)
                {
                    sum = MersenneField.Add(sum, _shares[j][x]);
                }
            }

            _shares[_index][x] = MersenneField.Negate(sum);
        }
    }

    private byte[] HashedItems()
    {
        if (_hashedItems is null)
        {
            _hashedItems = new byte[_items.Length * ElementLength];
            GroupBatch.Hash(_items, _domainTag, _hashedItems);
        }

        return _hashedItems;
    }

    private byte[] OwnOutputs(int receiver)
    {
        if (_ownOutputs[receiver] is { } outputs)
        {
            return outputs;
        }

        outputs = new byte[_items.Length * ElementLength];
        GroupBatch.Multiply(_keys[receiver], HashedItems(), outputs, _items.Length);
        _ownOutputs[receiver] = outputs;
        return outputs;
    }

    private static OkvsPoint[] DerivePoints(byte[] outputs, byte[] label, OkvsParameters parameters)
    {
        var count = outputs.Length / ElementLength;
        var points = new OkvsPoint[count];
        Parallel.For(0, count, x => points[x] = OkvsPoint.Derive(label, outputs.AsSpan(x * ElementLength, ElementLength), parameters.BinCount));
        return points;
    }
}
