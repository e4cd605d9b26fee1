package dev.ballast.adapters.account.esplora;

import dev.ballast.adapters.account.esplora.EsploraDtos.Tx;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Esplora's answers as ledger values: satoshis to BTC exactly (scale 8), a transaction's net effect on the wallet's addresses. */
public final class EsploraMapping {
  public static final AssetId BTC = AssetId.of("BTC");
  /** The source of every row: one transaction id is one row, whichever of the wallet's addresses it touched. */
  public static final String SOURCE = "bitcoin";

  private EsploraMapping() {}

  public static BigDecimal btc(long satoshis) {
    return BigDecimal.valueOf(satoshis, 8);
  }

  /** Confirmed satoshis held: funded minus spent outputs in the chain (the mempool is not counted). */
  public static long confirmedSatoshis(EsploraDtos.AddressInfo info) {
    if (info.chainStats() == null) {
      throw new IllegalArgumentException("address " + info.address() + ": no chain_stats");
    }
    return info.chainStats().fundedTxoSum() - info.chainStats().spentTxoSum();
  }

  public static Balance balance(long satoshis) {
    return Balance.of(BTC, Quantity.of(btc(satoshis)));
  }

  /** Satoshis the transaction moved into (positive) or out of (negative) these addresses, the fee included. */
  public static long net(Tx tx, Set<String> addresses) {
    long in = 0;
    for (EsploraDtos.Vin vin : tx.vin()) {
      if (vin.prevout() != null && addresses.contains(vin.prevout().scriptpubkeyAddress())) {
        in += vin.prevout().value();
      }
    }
    long out = 0;
    for (EsploraDtos.Vout vout : tx.vout()) {
      if (addresses.contains(vout.scriptpubkeyAddress())) {
        out += vout.value();
      }
    }
    return out - in;
  }

  /**
   * What a confirmed transaction did to the wallet: received (a DEPOSIT of the net), or sent (a
   * WITHDRAWAL of what left, with the miner's fee as its fee when the wallet paid it, all inputs
   * being its own); empty when it nets to zero or is not confirmed yet.
   */
  public static Optional<Transaction> transaction(Tx tx, Set<String> addresses) {
    if (tx.status() == null || !tx.status().confirmed() || tx.status().blockTime() == null) {
      return Optional.empty();
    }
    long in = 0;
    boolean allInputsOurs = !tx.vin().isEmpty();
    for (EsploraDtos.Vin vin : tx.vin()) {
      if (vin.prevout() != null && addresses.contains(vin.prevout().scriptpubkeyAddress())) {
        in += vin.prevout().value();
      } else {
        allInputsOurs = false;
      }
    }
    long out = 0;
    for (EsploraDtos.Vout vout : tx.vout()) {
      if (addresses.contains(vout.scriptpubkeyAddress())) {
        out += vout.value();
      }
    }
    long net = out - in;
    if (net == 0) {
      return Optional.empty();
    }
    Instant at = Instant.ofEpochSecond(tx.status().blockTime());
    Transaction.Builder b;
    if (net > 0) {
      b = Transaction.builder(TransactionType.DEPOSIT).quantity(Quantity.of(btc(net)));
    } else if (allInputsOurs && tx.fee() > 0 && -net > tx.fee()) {
      b = Transaction.builder(TransactionType.WITHDRAWAL).quantity(Quantity.of(btc(-net - tx.fee()))).fee(btc(tx.fee()).toPlainString(), "BTC");
    } else {
      b = Transaction.builder(TransactionType.WITHDRAWAL).quantity(Quantity.of(btc(-net)));
    }
    return Optional.of(b.at(at).asset(BTC).ref(SOURCE, tx.txid()).build());
  }
}
