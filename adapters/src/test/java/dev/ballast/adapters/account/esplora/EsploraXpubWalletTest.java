package dev.ballast.adapters.account.esplora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.adapters.bitcoin.ExtendedPublicKey;
import dev.ballast.adapters.marketdata.LoopbackServer;
import dev.ballast.adapters.marketdata.LoopbackServer.Answer;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A zpub wallet (BIP84's "abandon ... about" account) scanned to the gap of 20 on a loopback Esplora. */
class EsploraXpubWalletTest {
  static final String ZPUB = "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs";
  static final String R0 = "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu";
  static final String R1 = "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g";
  static final String C0 = "bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el";
  /** Received: 0.01 on R0 and 0.02 on R1 in blocks 1 and 2, and 0.005 change on C0 in block 3. */
  static final Map<String, long[]> USED = Map.of(R0, new long[] {1, 1_000_000}, R1, new long[] {2, 2_000_000}, C0, new long[] {3, 500_000});
  private final LoopbackServer server = new LoopbackServer();

  @AfterEach
  void close() {
    server.close();
  }

  private Answer esplora(URI uri) {
    String path = uri.getPath().substring("/api/address/".length());
    boolean txs = path.endsWith("/txs/chain");
    String address = txs ? path.substring(0, path.length() - "/txs/chain".length()) : path;
    long[] used = USED.get(address);
    if (!txs) {
      long sats = used == null ? 0 : used[1];
      return Answer.json(200, "{\"address\":\"" + address + "\",\"chain_stats\":{\"funded_txo_count\":" + (used == null ? 0 : 1) + ",\"funded_txo_sum\":"
          + sats + ",\"spent_txo_count\":0,\"spent_txo_sum\":0,\"tx_count\":" + (used == null ? 0 : 1) + "},\"mempool_stats\":{\"funded_txo_count\":0,"
          + "\"funded_txo_sum\":0,\"spent_txo_count\":0,\"spent_txo_sum\":0,\"tx_count\":0}}");
    }
    if (used == null) {
      return Answer.json(200, "[]");
    }
    return Answer.json(200, "[{\"txid\":\"" + String.format("%064x", used[0]) + "\",\"vin\":[{\"txid\":\"" + String.format("%064x", 77)
        + "\",\"vout\":0,\"prevout\":{\"scriptpubkey_address\":\"1BoatSLRHtKNngkdXEeobR76b53LETtpyT\",\"value\":9000000}}],\"vout\":[{"
        + "\"scriptpubkey_address\":\"" + address + "\",\"value\":" + used[1] + "}],\"fee\":200,\"status\":{\"confirmed\":true,\"block_height\":"
        + (900_000 + used[0]) + ",\"block_time\":" + (1_760_000_000L + used[0]) + "}}]");
  }

  @Test
  void theReceiveAndChangeChainsAreScannedToTheGapAndReadAsOneWallet() throws Exception {
    server.answering(this::esplora);
    EsploraXpubWallet wallet = new EsploraXpubWallet(HttpClient.newHttpClient(), server.baseUrl().resolve("api/"), ExtendedPublicKey.parse(ZPUB), 100);
    HistoryPage page = wallet.transactionsSince(SyncCursor.START).toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(List.of("0.01000000", "0.02000000", "0.00500000"), page.transactions().stream().map(Transaction::quantity)
        .map(q -> q.value().toPlainString()).toList());
    assertEquals(List.of(Balance.of(EsploraMapping.BTC, Quantity.of(new BigDecimal("0.03500000")))),
        wallet.balances().toCompletableFuture().get(30, TimeUnit.SECONDS));
    long scanned = server.requests().stream().filter(r -> !r.path().endsWith("/txs/chain")).map(LoopbackServer.Request::path).distinct().count();
    // receive: 2 used then 20 unused; change: 1 used then 20 unused
    assertEquals(43, scanned);
  }
}
