package dev.ballast.api.http.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransferMatcherTest {
  static final Instant T = Instant.parse("2025-01-10T12:00:00Z");
  static final AssetId EUR = AssetId.of("EUR");

  static Transaction tx(TransactionType type, String qty, Instant at, String id) {
    Transaction.Builder b = Transaction.builder(type).at(at).asset("BTC").quantity(qty).ref("test", id);
    return type == TransactionType.BUY ? b.price("30000", "EUR").fee("3", "EUR").build() : b.build();
  }

  static TransferMatcher.Peer kraken() {
    return new TransferMatcher.Peer(AccountId.of("kraken"), EUR, false, List.of(
        new TransferMatcher.Recorded("kraken/1", 1, tx(TransactionType.BUY, "0.3", T.minus(Duration.ofDays(30)), "b1")),
        new TransferMatcher.Recorded("kraken/2", 2, tx(TransactionType.WITHDRAWAL, "0.1", T, "w1")),
        new TransferMatcher.Recorded("kraken/3", 3, tx(TransactionType.DEPOSIT, "0.05", T.plus(Duration.ofDays(2)), "d1"))));
  }

  static List<TransferMatcher.Match> match(Transaction... file) {
    List<TransferMatcher.Candidate> candidates = new java.util.ArrayList<>();
    for (int i = 0; i < file.length; i++) {
      candidates.add(new TransferMatcher.Candidate(i + 2, file[i]));
    }
    return TransferMatcher.match(candidates, EUR, List.of(kraken()), Set.of(), Duration.ofDays(3));
  }

  @Test
  void aDepositAfterAWithdrawalOfTheSameCoinsIsATransferInAtTheirCost() {
    List<TransferMatcher.Match> m = match(tx(TransactionType.DEPOSIT, "0.1", T.plus(Duration.ofHours(1)), "x1"));
    assertEquals(1, m.size());
    Transaction linked = m.get(0).linked();
    assertEquals(TransactionType.TRANSFER_IN, linked.type());
    assertEquals("transfer:kraken/kraken/2", linked.transferId());
    assertEquals(0, new BigDecimal("3001").compareTo(m.get(0).carried()), "a third of the lot's 9003 EUR");
    assertEquals(new Price(new BigDecimal("30010"), EUR), linked.price());
    assertEquals("x1", linked.externalId(), "the row keeps its own reference");
  }

  @Test
  void aWithdrawalBeforeADepositRecordedElsewhereIsATransferOut() {
    List<TransferMatcher.Match> m = match(tx(TransactionType.WITHDRAWAL, "0.05", T.plus(Duration.ofDays(1)), "x2"));
    assertEquals(1, m.size());
    assertEquals(TransactionType.TRANSFER_OUT, m.get(0).linked().type());
    assertEquals("transfer:kraken/kraken/3", m.get(0).linked().transferId());
    assertNull(m.get(0).carried());
  }

  @Test
  void outsideTheWindowAnotherAmountOrASecondDepositIsNoTransfer() {
    assertEquals(List.of(), match(tx(TransactionType.DEPOSIT, "0.1", T.plus(Duration.ofDays(4)), "late")));
    assertEquals(List.of(), match(tx(TransactionType.DEPOSIT, "0.1", T.minus(Duration.ofHours(1)), "early")));
    assertEquals(List.of(), match(tx(TransactionType.DEPOSIT, "0.0999", T.plus(Duration.ofHours(1)), "other")));
    List<TransferMatcher.Match> twice = match(tx(TransactionType.DEPOSIT, "0.1", T.plus(Duration.ofHours(1)), "a"),
        tx(TransactionType.DEPOSIT, "0.1", T.plus(Duration.ofHours(2)), "b"));
    assertEquals(1, twice.size(), "one withdrawal is one transfer");
    assertEquals(List.of(), TransferMatcher.match(List.of(new TransferMatcher.Candidate(2, tx(TransactionType.DEPOSIT, "0.1", T.plus(Duration.ofHours(1)), "c"))),
        EUR, List.of(kraken()), Set.of("transfer:kraken/kraken/2"), Duration.ofDays(3)), "a withdrawal already linked is taken");
  }
}
