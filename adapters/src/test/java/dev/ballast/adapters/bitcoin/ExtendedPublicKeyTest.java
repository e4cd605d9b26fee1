package dev.ballast.adapters.bitcoin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Published vectors: BIP32 test vector 1 (CKDpub from m/0H) and BIP84's account of the "abandon ... about" mnemonic. */
class ExtendedPublicKeyTest {
  @Test
  void bip32TestVector1TheNonHardenedChildOfM0H() {
    ExtendedPublicKey m0h = ExtendedPublicKey.parse(
        "xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw");
    assertEquals("xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw",
        m0h.serialize(), "parse and serialize round trip");
    assertEquals("xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ",
        m0h.child(1).serialize(), "m/0H/1");
  }

  @Test
  void bip84AccountZeroReceiveAndChangeAddresses() {
    ExtendedPublicKey account = ExtendedPublicKey.parse(
        "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs");
    assertEquals("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu", account.child(0).child(0).address(), "m/84'/0'/0'/0/0");
    assertEquals("bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g", account.child(0).child(1).address(), "m/84'/0'/0'/0/1");
    assertEquals("bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el", account.child(1).child(0).address(), "m/84'/0'/0'/1/0");
  }

  @Test
  void aTypoIsCaughtByTheChecksum() {
    assertThrows(IllegalArgumentException.class, () -> ExtendedPublicKey.parse(
        "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYt"));
  }
}
