package dev.ballast.adapters.account.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The example of Binance's API documentation ("SIGNED endpoint examples for POST /api/v3/order", HMAC). */
class BinanceSignerTest {
  static final String DOCUMENTED_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

  @Test
  void theDocumentedQueryGivesTheDocumentedSignature() {
    String query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    assertEquals("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", new BinanceSigner(DOCUMENTED_SECRET).sign(query));
  }

  @Test
  void theSignerNeverShowsItsSecret() {
    assertFalse(new BinanceSigner(DOCUMENTED_SECRET).toString().contains(DOCUMENTED_SECRET));
  }
}
