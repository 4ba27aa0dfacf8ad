using System.Security.Cryptography;
using System.Text;
using MpcNetwork.Shared.Psi;

namespace MpcNetwork.Tests.Psi;

public class HashToGroupTests
{
    private static readonly byte[] RfcExpanderTag = Encoding.ASCII.GetBytes("QUUX-V01-CS02-with-expander-SHA512-256");

    // RFC 9380 Appendix K.3: expand_message_xmd(SHA-512), DST QUUX-V01-CS02-with-expander-SHA512-256.
    public static TheoryData<string, int, string> ExpandVectors => new()
    {
        { "", 32, "6b9a7312411d92f921c6f68ca0b6380730a1a4d982c507211a90964c394179ba" },
        { "abc", 32, "0da749f12fbe5483eb066a5f595055679b976e93abe9be6f0f6318bce7aca8dc" },
        { "abcdef0123456789", 32, "087e45a86e2939ee8b91100af1583c4938e0f5fc6c9db4b107b83346bc967f58" },
        { "q128_" + new string('q', 128), 32, "7336234ee9983902440f6bc35b348352013becd88938d2afec44311caf8356b3" },
        { "a512_" + new string('a', 512), 32, "57b5f7e766d5be68a6bfe1768e3c2b7f1228b3e4b3134956dd73a59b954c66f4" },
        {
            "", 128,
            "41b037d1734a5f8df225dd8c7de38f851efdb45c372887be655212d07251b921b052b62eaed99b46f72f2ef4cc96bfaf254ebbbec091e1a3b9e4fb5e5b619d2e0c5414800a1d882b62bb5cd1778f098b8eb6cb399d5d9d18f5d5842cf5d13d7eb00a7cff859b605da678b318bd0e65ebff70bec88c753b159a805d2c89c55961"
        },
        {
            "abc", 128,
            "7f1dddd13c08b543f2e2037b14cefb255b44c83cc397c1786d975653e36a6b11bdd7732d8b38adb4a0edc26a0cef4bb45217135456e58fbca1703cd6032cb1347ee720b87972d63fbf232587043ed2901bce7f22610c0419751c065922b488431851041310ad659e4b23520e1772ab29dcdeb2002222a363f0c2b1c972b3efe1"
        },
        {
            "abcdef0123456789", 128,
            "3f721f208e6199fe903545abc26c837ce59ac6fa45733f1baaf0222f8b7acb0424814fcb5eecf6c1d38f06e9d0a6ccfbf85ae612ab8735dfdf9ce84c372a77c8f9e1c1e952c3a61b7567dd0693016af51d2745822663d0c2367e3f4f0bed827feecc2aaf98c949b5ed0d35c3f1023d64ad1407924288d366ea159f46287e61ac"
        },
        {
            "q128_" + new string('q', 128), 128,
            "b799b045a58c8d2b4334cf54b78260b45eec544f9f2fb5bd12fb603eaee70db7317bf807c406e26373922b7b8920fa29142703dd52bdf280084fb7ef69da78afdf80b3586395b433dc66cde048a258e476a561e9deba7060af40adf30c64249ca7ddea79806ee5beb9a1422949471d267b21bc88e688e4014087a0b592b695ed"
        },
        {
            "a512_" + new string('a', 512), 128,
            "05b0bfef265dcee87654372777b7c44177e2ae4c13a27f103340d9cd11c86cb2426ffcad5bd964080c2aee97f03be1ca18e30a1f14e27bc11ebbd650f305269cc9fb1db08bf90bfc79b42a952b46daf810359e7bc36452684784a64952c343c52e5124cd1f71d474d5197fefc571a92929c9084ffe1112cf5eea5192ebff330b"
        },
    };

    // RFC 9496 Appendix A.3: element derivation from 64 uniform bytes.
    public static TheoryData<string, string> ElementDerivationVectors => new()
    {
        { "5d1be09e3d0c82fc538112490e35701979d99e06ca3e2b5b54bffe8b4dc772c14d98b696a1bbfb5ca32c436cc61c16563790306c79eaca7705668b47dffe5bb6", "3066f82a1a747d45120d1740f14358531a8f04bbffe6a819f86dfe50f44a0a46" },
        { "f116b34b8f17ceb56e8732a60d913dd10cce47a6d53bee9204be8b44f6678b270102a56902e2488c46120e9276cfe54638286b9e4b3cdb470b542d46c2068d38", "f26e5b6f7d362d2d2a94c5d0e7602cb4773c95a2e5c31a64f133189fa76ed61b" },
        { "8422e1bbdaab52938b81fd602effb6f89110e1e57208ad12d9ad767e2e25510c27140775f9337088b982d83d7fcf0b2fa1edffe51952cbe7365e95c86eaf325c", "006ccd2a9e6867e6a2c5cea83d3302cc9de128dd2a9a57dd8ee7b9d7ffe02826" },
        { "ac22415129b61427bf464e17baee8db65940c233b98afce8d17c57beeb7876c2150d15af1cb1fb824bbd14955f2b57d08d388aab431a391cfc33d5bafb5dbbaf", "f8f0c87cf237953c5890aec3998169005dae3eca1fbb04548c635953c817f92a" },
        { "165d697a1ef3d5cf3c38565beefcf88c0f282b8e7dbd28544c483432f1cec7675debea8ebb4e5fe7d6f6e5db15f15587ac4d4d4a1de7191e0c1ca6664abcc413", "ae81e7dedf20a497e10c304a765c1767a42d6e06029758d2d7e8ef7cc4c41179" },
        { "a836e6c9a9ca9f1e8d486273ad56a78c70cf18f0ce10abb1c7172ddd605d7fd2979854f47ae1ccf204a33102095b4200e5befc0465accc263175485f0e17ea5c", "e2705652ff9f5e44d3e841bf1c251cf7dddb77d140870d1ab2ed64f1a9ce8628" },
        { "2cdc11eaeb95daf01189417cdddbf95952993aa9cb9c640eb5058d09702c74622c9965a697a3b345ec24ee56335b556e677b30e6f90ac77d781064f866a3c982", "80bd07262511cdde4863f8a7434cef696750681cb9510eea557088f76d9e5065" },
    };

    // RFC 9497 Appendix A.1.1 (OPRF mode, ristretto255-SHA512): BlindedElement = Blind · HashToGroup(Input)
    // and EvaluationElement = skSm · BlindedElement, with HashToGroup being this suite.
    public static TheoryData<string, string, string> OprfVectors => new()
    {
        { "00", "609a0ae68c15a3cf6903766461307e5c8bb2f95e7e6550e1ffa2dc99e412803c", "7ec6578ae5120958eb2db1745758ff379e77cb64fe77b0b2d8cc917ea0869c7e" },
        { "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "da27ef466870f5f15296299850aa088629945a17d1f5b7f5ff043f76b3c06418", "b4cbf5a4f1eeda5a63ce7b77c7d23f461db3fcab0dd28e4e17cecb5c90d02c25" },
    };

    [Theory]
    [MemberData(nameof(ExpandVectors))]
    public void ExpandMessageXmd_matches_rfc9380(string message, int length, string expectedHex)
    {
        var output = new byte[length];

        HashToGroup.ExpandMessageXmd(Encoding.ASCII.GetBytes(message), RfcExpanderTag, output);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(output));
    }

    [Theory]
    [MemberData(nameof(ElementDerivationVectors))]
    public void FromUniformBytes_matches_rfc9496(string uniformHex, string expectedHex)
    {
        var element = new byte[Ristretto255.ElementLength];

        Ristretto255.FromUniformBytes(Convert.FromHexString(uniformHex), element);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(element));
    }

    [Theory]
    [MemberData(nameof(OprfVectors))]
    public void Hash_matches_rfc9497_oprf_vectors(string inputHex, string blindedHex, string evaluatedHex)
    {
        var tag = Encoding.ASCII.GetBytes("HashToGroup-OPRFV1-\0-ristretto255-SHA512");
        var blind = Convert.FromHexString("64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706");
        var serverKey = Convert.FromHexString("5ebcea5ee37023ccb9fc2d2019f9d7737be85591ae8652ffa9ef0f4d37063b0e");
        var hashed = new byte[Ristretto255.ElementLength];
        var blinded = new byte[Ristretto255.ElementLength];
        var evaluated = new byte[Ristretto255.ElementLength];

        HashToGroup.Hash(Convert.FromHexString(inputHex), tag, hashed);
        Ristretto255.Multiply(blind, hashed, blinded);
        Ristretto255.Multiply(serverKey, blinded, evaluated);

        Assert.Equal(blindedHex, Convert.ToHexStringLower(blinded));
        Assert.Equal(evaluatedHex, Convert.ToHexStringLower(evaluated));
    }

    [Fact]
    public void ExpandMessageXmd_hashes_oversize_tag()
    {
        // RFC 9380 §5.3.3: a tag over 255 bytes is replaced by SHA-512("H2C-OVERSIZE-DST-" ‖ tag).
        var longTag = Encoding.ASCII.GetBytes(new string('t', 300));
        var reducedTag = SHA512.HashData([.. Encoding.ASCII.GetBytes("H2C-OVERSIZE-DST-"), .. longTag]);
        var withLongTag = new byte[64];
        var withReducedTag = new byte[64];

        HashToGroup.ExpandMessageXmd("abc"u8, longTag, withLongTag);
        HashToGroup.ExpandMessageXmd("abc"u8, reducedTag, withReducedTag);

        Assert.Equal(withReducedTag, withLongTag);
    }

    [Fact]
    public void Hash_separates_session_tags()
    {
        var first = new byte[Ristretto255.ElementLength];
        var second = new byte[Ristretto255.ElementLength];
        var again = new byte[Ristretto255.ElementLength];

        HashToGroup.Hash("alice@example.com"u8, HashToGroup.SessionTag("session-1"), first);
        HashToGroup.Hash("alice@example.com"u8, HashToGroup.SessionTag("session-2"), second);
        HashToGroup.Hash("alice@example.com"u8, HashToGroup.SessionTag("session-1"), again);

        Assert.NotEqual(first, second);
        Assert.Equal(first, again);
        Assert.True(Ristretto255.IsValidElement(first));
    }

    [Fact]
    public void Multiply_by_inverse_restores_element()
    {
        var element = new byte[Ristretto255.ElementLength];
        var blinded = new byte[Ristretto255.ElementLength];
        var restored = new byte[Ristretto255.ElementLength];
        HashToGroup.Hash("item"u8, HashToGroup.SessionTag("s"), element);
        var scalar = Ristretto255.RandomScalar();

        Ristretto255.Multiply(scalar, element, blinded);
        Ristretto255.Multiply(Ristretto255.InvertScalar(scalar), blinded, restored);

        Assert.NotEqual(element, blinded);
        Assert.Equal(element, restored);
    }

    [Fact]
    public void Multiply_rejects_identity()
    {
        var identity = new byte[Ristretto255.ElementLength];
        var result = new byte[Ristretto255.ElementLength];

        Assert.True(Ristretto255.IsValidElement(identity));
        Assert.False(Ristretto255.TryMultiply(Ristretto255.RandomScalar(), identity, result));
    }

    [Fact]
    public void Multiply_rejects_noncanonical_element()
    {
        // s = -1 decodes to y = 0, so RFC 9496 lists this encoding among the invalid ones.
        var invalid = Convert.FromHexString("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        var result = new byte[Ristretto255.ElementLength];

        Assert.False(Ristretto255.IsValidElement(invalid));
        Assert.Throws<PsiProtocolException>(() => Ristretto255.Multiply(Ristretto255.RandomScalar(), invalid, result));
    }
}
