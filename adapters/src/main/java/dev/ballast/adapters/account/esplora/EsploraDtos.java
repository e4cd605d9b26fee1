package dev.ballast.adapters.account.esplora;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Esplora's JSON as it sends it (Blockstream's and mempool.space's servers, electrs): only the fields read. */
public final class EsploraDtos {
  private EsploraDtos() {}

  /** {@code GET /address/:address}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AddressInfo(String address, @JsonProperty("chain_stats") Stats chainStats, @JsonProperty("mempool_stats") Stats mempoolStats) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Stats(@JsonProperty("funded_txo_sum") long fundedTxoSum, @JsonProperty("spent_txo_sum") long spentTxoSum,
      @JsonProperty("tx_count") long txCount) {}

  /** One of {@code GET /address/:address/txs/chain[/:last_seen_txid]} (25 per page, newest first). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Tx(String txid, List<Vin> vin, List<Vout> vout, long fee, Status status) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Vin(String txid, long vout, Vout prevout) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Vout(@JsonProperty("scriptpubkey_address") String scriptpubkeyAddress, long value) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Status(boolean confirmed, @JsonProperty("block_height") Long blockHeight, @JsonProperty("block_time") Long blockTime) {}
}
