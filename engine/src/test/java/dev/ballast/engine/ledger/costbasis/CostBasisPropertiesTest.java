package dev.ballast.engine.ledger.costbasis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.ledger.Disposal;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.LedgerRejection;
import dev.ballast.engine.ledger.Lot;
import dev.ballast.engine.ledger.Movement;
import dev.ballast.engine.ledger.Movements;
import dev.ballast.engine.ledger.Position;
import dev.ballast.engine.ledger.RealizedLot;
import dev.ballast.engine.ledger.TransactionValidator;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over random valid histories (trades in the account currency, in USD with or without an FX rate,
 * crypto to crypto, fees in the price currency, the asset or a third asset, deposits with and
 * without a price, withdrawals, fee rows, staking rewards, dividends, splits, over several years,
 * with and without short selling): every cost-basis method moves the same quantities as the
 * ledger, FIFO costs exactly as the ledger's lots, and no method loses or makes up cost.
 */
class CostBasisPropertiesTest {
  private static final AssetId JPY = Fixtures.jpy();
  private static final List<String> ASSETS = List.of("BTC", "ETH", "USDT", "7203.T", "BNB");
  private static final List<String> SPLIT_RATIOS = List.of("2", "3", "0.5", "1.5");
  private static final Instant START = Instant.parse("2022-01-01T00:00:00Z");
  private static final TransactionValidator VALIDATOR = new TransactionValidator(JPY, asset -> true, Duration.ZERO);
  private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

  /** One step of a history, before it is made concrete against what is held. */
  record Op(int kind, int asset, int currency, BigDecimal quantity, BigDecimal price, int feeKind, BigDecimal fxRate,
      int percent, int days) {}

  /** A history the ledger accepted, with the ids it was recorded under. */
  record History(boolean allowShort, List<String> ids, List<Transaction> txs, LedgerBook book, List<RealizedLot> realized,
      boolean transfers) {}

  @Provide
  Arbitrary<History> histories() {
    Arbitrary<Op> op = Combinators.combine(
            Arbitraries.integers().between(0, 11),
            Arbitraries.integers().between(0, ASSETS.size() - 1),
            Arbitraries.integers().between(0, 4),
            Arbitraries.bigDecimals().between(new BigDecimal("0.001"), new BigDecimal("20")).ofScale(3),
            Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("90000")).ofScale(2),
            Arbitraries.integers().between(0, 3),
            Arbitraries.bigDecimals().between(new BigDecimal("0.5"), new BigDecimal("200")).ofScale(3).injectNull(0.3),
            Arbitraries.integers().between(1, 140))
        .flatAs((kind, asset, currency, quantity, price, feeKind, fx, percent) ->
            Arbitraries.integers().between(0, 90).map(days -> new Op(kind, asset, currency, quantity, price, feeKind, fx, percent, days)));
    return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false), op.list().ofMinSize(10).ofMaxSize(60))
        .as(CostBasisPropertiesTest::history);
  }

  /** Makes the steps concrete in order, keeping those the ledger accepts. */
  private static History history(boolean allowShort, boolean transfers, List<Op> ops) {
    LedgerBook book = LedgerBook.empty(JPY, allowShort);
    List<String> ids = new ArrayList<>();
    List<Transaction> txs = new ArrayList<>();
    List<RealizedLot> realized = new ArrayList<>();
    Instant at = START;
    for (Op op : ops) {
      at = at.plus(Duration.ofDays(op.days())).plusSeconds(op.percent());
      Transaction tx = transaction(op, at, "x" + txs.size(), book, transfers);
      if (tx == null) {
        continue;
      }
      assertEquals(List.of(), VALIDATOR.validate(1, tx, LATER), () -> "the generator made an invalid row: " + tx);
      try {
        LedgerBook.Applied applied = book.apply("t" + txs.size(), tx);
        ids.add("t" + txs.size());
        txs.add(tx);
        realized.addAll(applied.realized());
        book = applied.book();
      } catch (LedgerRejection rejected) {
        // more sold than held without short selling, or a gain the ledger cannot measure: not a valid history
      }
    }
    return new History(allowShort, ids, txs, book, realized, transfers);
  }

  private static Transaction transaction(Op op, Instant at, String ref, LedgerBook book, boolean transfers) {
    String asset = ASSETS.get(op.asset());
    List<String> held = ASSETS.stream().filter(a -> book.quantity(AssetId.of(a)).signum() > 0).toList();
    boolean takes = op.kind() == 3 || op.kind() == 4 || op.kind() == 6 || op.kind() == 7;
    if (takes && !held.isEmpty() && op.percent() <= 100) {
      asset = held.get(op.asset() % held.size()); // mostly take from what is held, so that most sales are accepted
    }
    // mostly the account currency, so that most sales can be measured against their lots
    String currency = switch (op.currency()) {
      case 3 -> "USD";
      case 4 -> asset.equals("USDT") ? "JPY" : "USDT";
      default -> "JPY";
    };
    // a short holds nothing to take a share of
    BigDecimal part = book.quantity(AssetId.of(asset)).max(BigDecimal.ZERO).multiply(BigDecimal.valueOf(op.percent())).divide(BigDecimal.valueOf(100), 3, RoundingMode.DOWN);
    Transaction.Builder b;
    switch (op.kind()) {
      case 0, 1, 2 -> {
        b = Transaction.builder(TransactionType.BUY).asset(asset).quantity(op.quantity().toPlainString()).price(op.price().toPlainString(), currency);
        fee(b, op, currency, asset, op.quantity());
        fx(b, op, currency);
      }
      case 3, 4 -> {
        BigDecimal units = op.percent() > 100 || part.signum() == 0 ? op.quantity() : part;
        b = Transaction.builder(TransactionType.SELL).asset(asset).quantity(units.toPlainString()).price(op.price().toPlainString(), currency);
        fee(b, op, currency, asset, units);
        fx(b, op, currency);
      }
      case 5 -> {
        b = Transaction.builder(TransactionType.DEPOSIT).asset(asset).quantity(op.quantity().toPlainString());
        if (op.feeKind() > 0) {
          b.price(op.price().toPlainString(), currency.equals("USDT") ? "JPY" : currency);
          fx(b, op, currency.equals("USDT") ? "JPY" : currency);
        }
      }
      case 6 -> {
        if (!transfers || part.signum() == 0 || op.percent() > 100) {
          return null;
        }
        b = Transaction.builder(TransactionType.WITHDRAWAL).asset(asset).quantity(part.toPlainString());
      }
      case 7 -> {
        BigDecimal small = part.divide(BigDecimal.TEN, 3, RoundingMode.DOWN);
        if (small.signum() == 0) {
          return null;
        }
        b = Transaction.builder(TransactionType.FEE).asset(asset).quantity(small.toPlainString());
      }
      case 8 -> {
        b = Transaction.builder(TransactionType.STAKING_REWARD).asset(asset).quantity(op.quantity().toPlainString());
        if (op.feeKind() > 1) {
          b.price(op.price().toPlainString(), "JPY");
        }
      }
      case 9 -> {
        if (asset.equals("BTC") || asset.equals("USDT")) {
          return null; // splits of shares and of a token, not of every asset
        }
        b = Transaction.builder(TransactionType.SPLIT).asset(asset).splitRatio(SPLIT_RATIOS.get(op.percent() % SPLIT_RATIOS.size()));
      }
      case 10 -> {
        String cash = op.currency() == 3 ? "USD" : "JPY";
        b = Transaction.builder(TransactionType.DEPOSIT).asset(cash).quantity(op.price().toPlainString());
      }
      default -> {
        String cash = op.currency() == 3 ? "USD" : "JPY";
        b = Transaction.builder(TransactionType.DIVIDEND).asset("7203.T").amount(op.price().toPlainString(), cash);
        if (op.feeKind() > 1) {
          b.tax(op.price().divide(BigDecimal.TEN, 2, RoundingMode.DOWN).toPlainString(), cash);
        }
        if (cash.equals("USD") && op.fxRate() != null) {
          b.fxRate(op.fxRate());
        }
      }
    }
    return b.at(at).ref(Fixtures.SOURCE, ref).build();
  }

  private static void fee(Transaction.Builder b, Op op, String currency, String asset, BigDecimal units) {
    switch (op.feeKind()) {
      case 1 -> b.fee(op.price().multiply(units).divide(BigDecimal.valueOf(500), 2, RoundingMode.DOWN).toPlainString(), currency);
      case 2 -> {
        BigDecimal inAsset = units.divide(BigDecimal.valueOf(50), 3, RoundingMode.DOWN);
        if (inAsset.signum() > 0) {
          b.fee(inAsset.toPlainString(), asset);
        }
      }
      case 3 -> {
        if (!asset.equals("BNB")) {
          b.fee("0.001", "BNB");
        }
      }
      default -> { }
    }
  }

  private static void fx(Transaction.Builder b, Op op, String currency) {
    if (!currency.equals("JPY") && op.fxRate() != null) {
      b.fxRate(op.fxRate());
    }
  }

  private static List<Entry> entries(History h) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < h.txs().size(); i++) {
      entries.add(new Entry(h.ids().get(i), h.txs().get(i).timestamp(), Movements.of(h.txs().get(i), JPY)));
    }
    return entries;
  }

  private static List<CostBasisMethod> methods() {
    return List.of(CostBasisMethod.of(CostMethod.FIFO), CostBasisMethod.of(CostMethod.AVERAGE),
        CostBasisMethod.of(CostMethod.TOTAL_AVERAGE), new TotalAverage(ZoneOffset.UTC));
  }

  private static boolean same(Money expected, Money actual) {
    return expected == null
        ? actual == null
        : actual != null && actual.currency().equals(expected.currency()) && expected.amount().compareTo(actual.amount()) == 0;
  }

  @Property(tries = 250)
  void everyMethodMovesTheLedgersQuantities(@ForAll("histories") History h) {
    List<Entry> entries = entries(h);
    for (CostBasisMethod method : methods()) {
      CostBasis basis = method.costs(JPY, entries, null);
      TreeSet<AssetId> assets = new TreeSet<>(basis.holdings().keySet());
      assets.addAll(h.book().cash().keySet());
      assets.addAll(h.book().positions().keySet());
      for (AssetId asset : assets) {
        Holding holding = basis.holdings().get(asset);
        BigDecimal quantity = holding == null ? BigDecimal.ZERO : holding.quantity();
        assertEquals(0, h.book().quantity(asset).compareTo(quantity),
            () -> method + " holds " + quantity + " " + asset + ", the ledger " + h.book().quantity(asset));
      }
    }
  }

  @Property(tries = 250)
  void fifoRealizesExactlyWhatTheLedgersLotsRealize(@ForAll("histories") History h) {
    CostBasis basis = CostBasisMethod.of(CostMethod.FIFO).costs(JPY, entries(h), null);

    assertEquals(h.realized().size(), basis.realized().size());
    for (int i = 0; i < h.realized().size(); i++) {
      RealizedLot lot = h.realized().get(i);
      Realized r = basis.realized().get(i);
      String where = "closing " + i + ": " + lot + " vs " + r;
      assertEquals(lot.asset(), r.asset(), where);
      assertEquals(lot.disposal(), r.disposal(), where);
      assertEquals(lot.closedBy(), r.closedBy(), where);
      assertEquals(0, lot.quantity().compareTo(r.quantity()), where);
      assertTrue(same(lot.costInAccount(), r.cost()), where);
      assertTrue(same(lot.proceedsInAccount(), r.proceeds()), where);
      assertTrue(same(lot.pnlInAccount(), r.pnl()), where);
    }
    for (Map.Entry<AssetId, Position> p : h.book().positions().entrySet()) {
      Money cost = Money.zero(JPY);
      for (Lot lot : p.getValue().lots().asList()) {
        cost = cost == null || lot.costInAccount() == null ? null : cost.plus(lot.costInAccount());
      }
      Money expected = cost;
      assertTrue(same(expected, basis.holdings().get(p.getKey()).cost()), () -> p.getKey() + ": open lots cost " + expected
          + ", FIFO holds " + basis.holdings().get(p.getKey()).cost());
    }
  }

  /**
   * What flowed in for an asset (sales' proceeds minus acquisitions' cost) is what every method
   * realized minus what it still holds at cost, to the last digit, whenever all of it is known and
   * nothing was transferred out (a transfer moves cost out of the account without a value).
   */
  @Property(tries = 250)
  void noMethodLosesOrMakesUpCost(@ForAll("histories") History h) {
    if (h.transfers()) {
      return;
    }
    List<Entry> entries = entries(h);
    Map<AssetId, BigDecimal> flowed = new TreeMap<>();
    TreeSet<AssetId> unknown = new TreeSet<>();
    for (Entry e : entries) {
      for (Movement m : e.movements().changes()) {
        if (m.asset().isFiat() || m.units().signum() == 0) {
          continue;
        }
        if (m.disposal() == Disposal.FEE) {
          flowed.merge(m.asset(), BigDecimal.ZERO, BigDecimal::add); // paid away: nothing flows in
        } else if (m.amountInAccount() == null) {
          unknown.add(m.asset());
        } else {
          flowed.merge(m.asset(), m.amountInAccount(), BigDecimal::add);
        }
      }
    }
    flowed.keySet().removeAll(unknown);
    for (CostBasisMethod method : methods()) {
      CostBasis basis = method.costs(JPY, entries, null);
      for (Map.Entry<AssetId, BigDecimal> f : flowed.entrySet()) {
        AssetId asset = f.getKey();
        List<Realized> realized = basis.realized().stream().filter(r -> r.asset().equals(asset)).toList();
        Money open = basis.holdings().get(asset).cost();
        if (open == null || realized.stream().anyMatch(r -> r.pnl() == null)) {
          continue;
        }
        BigDecimal pnl = realized.stream().map(r -> r.pnl().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, f.getValue().compareTo(pnl.subtract(open.amount())),
            () -> method + " " + asset + ": flowed " + f.getValue() + ", realized " + pnl + ", open at cost " + open);
      }
    }
  }

  @Property(tries = 150)
  void theTotalAverageIsFinalOnlyForYearsThatEnded(@ForAll("histories") History h) {
    List<Entry> entries = entries(h);
    CostBasis basis = new TotalAverage(ZoneOffset.UTC).costs(JPY, entries, null);
    int lastYear = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).at().atZone(ZoneOffset.UTC).getYear();
    for (Realized r : basis.realized()) {
      assertEquals(r.closedAt().atZone(ZoneOffset.UTC).getYear() == lastYear, r.provisional(), r::toString);
    }
    CostBasis later = new TotalAverage(ZoneOffset.UTC).costs(JPY, entries, LATER);
    assertTrue(later.realized().stream().noneMatch(Realized::provisional));
    assertEquals(basis.realized().stream().map(Realized::pnl).filter(Objects::nonNull).toList(),
        later.realized().stream().map(Realized::pnl).filter(Objects::nonNull).toList());
  }
}
