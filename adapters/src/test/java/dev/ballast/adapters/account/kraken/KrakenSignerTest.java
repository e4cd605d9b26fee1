package dev.ballast.adapters.account.kraken;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The example of Kraken's REST API documentation (Authentication: the API-Sign of an AddOrder request). */
class KrakenSignerTest {
  @Test
  void theDocumentedRequestGivesTheDocumentedApiSign() {
    KrakenSigner signer = new KrakenSigner("kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==");
    String nonce = "1616492376594";
    String post = "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25";
    assertEquals("4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==",
        signer.sign("/0/private/AddOrder", nonce, post));
  }
}
