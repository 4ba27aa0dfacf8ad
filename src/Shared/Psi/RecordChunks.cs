namespace MpcNetwork.Shared.Psi;

/// <summary>Cuts a message of fixed-size records into chunks for a stream.</summary>
internal static class RecordChunks
{
    public static IEnumerable<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> message, int recordLength, int maxRecordsPerChunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordsPerChunk, 1);

        var chunkLength = recordLength * maxRecordsPerChunk;
        for (var offset = 0; offset < message.Length; offset += chunkLength)
        {
            yield return message.Slice(offset, Math.Min(chunkLength, message.Length - offset));
        }
    }

    /// <summary>Checks that a received chunk contains whole records and does not overrun the expected total.</summary>
    public static int CountRecords(int chunkLength, int recordLength, int receivedRecords, int expectedRecords, string messageName)
    {
        if (chunkLength % recordLength != 0)
        {
            throw new PsiProtocolException(
                $"A {messageName} chunk of {chunkLength} bytes is not a whole number of {recordLength}-byte records.");
        }

        var records = chunkLength / recordLength;
        if (receivedRecords + records > expectedRecords)
        {
            throw new PsiProtocolException(
                $"The {messageName} message has more than the {expectedRecords} records that the bound allows.");
        }

        return records;
    }

    /// <summary>Checks that a message is complete before it is used.</summary>
    public static void RequireComplete(int receivedRecords, int expectedRecords, string messageName)
    {
        if (receivedRecords != expectedRecords)
        {
            throw new PsiProtocolException(
                $"The {messageName} message is incomplete: {receivedRecords} of {expectedRecords} records received.");
        }
    }
}
