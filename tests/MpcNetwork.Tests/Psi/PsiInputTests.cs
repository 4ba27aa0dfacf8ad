using System.Text;
using MpcNetwork.Shared.Psi;

namespace MpcNetwork.Tests.Psi;

public class PsiInputTests
{
    [Fact]
    public void Canonicalize_composes_nfd_to_nfc()
    {
        var decomposed = "Jose\u0301@example.com";
        var composed = "Jos\u00E9@example.com";

        Assert.Equal(composed, ItemCanonicalizer.Canonicalize(decomposed, CanonicalProfile.Exact));
        Assert.Equal(composed, ItemCanonicalizer.Canonicalize(composed, CanonicalProfile.Exact));
    }

    [Fact]
    public void Canonicalize_exact_keeps_case()
    {
        Assert.Equal("Alice@Example.COM", ItemCanonicalizer.Canonicalize("Alice@Example.COM", CanonicalProfile.Exact));
    }

    [Fact]
    public void Canonicalize_email_lowercases_invariant()
    {
        Assert.Equal("alice@example.com", ItemCanonicalizer.Canonicalize("Alice@Example.COM", CanonicalProfile.Email));
        Assert.Equal("\u00E9sz@example.hu", ItemCanonicalizer.Canonicalize("E\u0301SZ@EXAMPLE.HU", CanonicalProfile.Email));
    }

    [Fact]
    public void Canonicalize_trims_surrounding_blanks()
    {
        Assert.Equal("a b", ItemCanonicalizer.Canonicalize(" \t a b \u00A0\u2003", CanonicalProfile.Exact));
        Assert.Equal("id-7", ItemCanonicalizer.Canonicalize("\uFEFFid-7", CanonicalProfile.Exact));
    }

    [Fact]
    public void Read_counts_blank_lines_and_duplicates()
    {
        var file = "alice@example.com\r\n\r\n   \nALICE@example.com\nbob@example.com\n\n";

        var set = Read(file, new PsiInputOptions(CanonicalProfile.Email, Bound: 10));

        Assert.Equal(["alice@example.com", "bob@example.com"], Texts(set));
        Assert.Equal(3, set.BlankLineCount);
        Assert.Equal(1, set.DuplicateCount);
        Assert.Equal(10, set.Bound);
    }

    [Fact]
    public void Read_treats_nfc_and_nfd_as_duplicates()
    {
        var set = Read("Jose\u0301\nJos\u00E9\n", new PsiInputOptions(CanonicalProfile.Exact, Bound: 5));

        Assert.Equal(["Jos\u00E9"], Texts(set));
        Assert.Equal(1, set.DuplicateCount);
    }

    [Fact]
    public void Read_takes_csv_column()
    {
        var file = "id,email,name\n1,Alice@Example.com,\"Smith, Alice\"\n2,\"bob@example.com\",Bob\n3,,Nobody\n";

        var emails = Read(file, new PsiInputOptions(CanonicalProfile.Email, Bound: 5, CsvColumn: 1, SkipHeader: true));
        var names = Read(file, new PsiInputOptions(CanonicalProfile.Exact, Bound: 5, CsvColumn: 2, SkipHeader: true));

        Assert.Equal(["alice@example.com", "bob@example.com"], Texts(emails));
        Assert.Equal(1, emails.BlankLineCount);
        Assert.Equal(["Smith, Alice", "Bob", "Nobody"], Texts(names));
    }

    [Fact]
    public void Read_rejects_missing_csv_column()
    {
        var error = Assert.Throws<PsiInputException>(
            () => Read("a,b\nc\n", new PsiInputOptions(CanonicalProfile.Exact, Bound: 5, CsvColumn: 1)));

        Assert.Contains("Line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_rejects_invalid_utf8_by_line()
    {
        byte[] file = [.. "first\nsecond\n"u8, .. "secret-"u8, 0xC3, 0x28, .. "\nfourth\n"u8];

        var error = Assert.Throws<PsiInputException>(
            () => PsiInputReader.Read(new MemoryStream(file), new PsiInputOptions(CanonicalProfile.Exact, Bound: 10)));

        Assert.Contains("Line 3", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_rejects_set_over_bound()
    {
        var error = Assert.Throws<PsiInputException>(
            () => Read("a\nb\nc\nd\na\n", new PsiInputOptions(CanonicalProfile.Exact, Bound: 3)));

        Assert.Contains("4 distinct items", error.Message, StringComparison.Ordinal);
        Assert.Contains("bound of 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_accepts_set_at_bound()
    {
        var set = Read("a\nb\nc\nc\n", new PsiInputOptions(CanonicalProfile.Exact, Bound: 3));

        Assert.Equal(3, set.Count);
    }

    [Fact]
    public void ReadFile_reads_from_disk()
    {
        var path = Path.Combine(Path.GetTempPath(), $"psi-input-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "x\ny\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            var set = PsiInputReader.ReadFile(path, new PsiInputOptions(CanonicalProfile.Exact, Bound: 2));

            Assert.Equal(["x", "y"], Texts(set));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PaddedToBound_adds_distinct_dummies()
    {
        var set = PsiInputReader.FromValues(["a", "b"], CanonicalProfile.Exact, bound: 5);

        var padded = set.PaddedToBound();

        Assert.Equal(5, padded.Length);
        Assert.Equal(set.Items, padded[..2]);
        Assert.All(padded[2..], dummy => Assert.Equal(0xFF, dummy[0]));
        Assert.Equal(5, padded.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void FromValues_rejects_lone_surrogate()
    {
        var error = Assert.Throws<PsiInputException>(
            () => PsiInputReader.FromValues(["ok", "bad\uD800"], CanonicalProfile.Exact, bound: 5));

        Assert.Contains("Value 2", error.Message, StringComparison.Ordinal);
    }

    private static PsiItemSet Read(string text, PsiInputOptions options) =>
        PsiInputReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), options);

    private static string[] Texts(PsiItemSet set) => [.. set.Items.Select(item => Encoding.UTF8.GetString(item))];
}
