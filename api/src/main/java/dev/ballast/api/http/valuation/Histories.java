package dev.ballast.api.http.valuation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.api.server.MarketData;
import dev.ballast.engine.asset.InMemoryAssetCatalog;
import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.InMemoryRates;
import dev.ballast.engine.analytics.account.LedgerEntry;
import dev.ballast.engine.marketdata.valuation.Holding;
import dev.ballast.engine.marketdata.valuation.Snapshot;
import dev.ballast.engine.marketdata.valuation.UnadjustedCloses;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Transaction;
import dev.ballast.persistence.marketdata.StoredAction;
import dev.ballast.persistence.query.AccountRow;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.TransactionRow;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds value histories from the read side's ledgers and the price store: what the history and
 * metrics routes share, so both read the same days.
 */
public final class Histories {
  private final BallastQueries queries;
  private final MarketData marketData;
  private final InMemoryAssetCatalog catalog;
  private final ObjectMapper json;
  // a dashboard asks for the same portfolio's history again and again; the ledgers and the price store's version say when to compute anew
  private final dev.ballast.engine.marketdata.valuation.PrecomputedHistories precomputed;

  public Histories(BallastQueries queries, MarketData marketData, InMemoryAssetCatalog catalog, ObjectMapper json) {
    this.queries = queries;
    this.marketData = marketData;
    this.catalog = catalog;
    this.json = json;
    // kept in the database too: a restart, or another server on it, answers from the days computed before
    this.precomputed = new dev.ballast.engine.marketdata.valuation.PrecomputedHistories(16, marketData.keptHistories());
  }

  /** The ledgers of the given accounts, each with its currency and venue (provider); an account missing on the read side is left out. */
  public List<ValueHistory.Ledger> ledgers(List<String> accounts) {
    List<ValueHistory.Ledger> out = new ArrayList<>();
    for (String id : accounts) {
      Optional<AccountRow> row = queries.account(id);
      if (row.isEmpty()) {
        continue;
      }
      List<Transaction> txs = new ArrayList<>();
      for (TransactionRow t : queries.ledger(id)) {
        txs.add(transaction(t));
      }
      out.add(new ValueHistory.Ledger(id, AssetId.of(row.get().currency()), txs, row.get().provider()));
    }
    return out;
  }

  /**
   * The portfolio's accounts as they stood at the end of the UTC {@code day}, valued at that day's
   * closes as traded (a split after the day not undone into them) and that day's FX: the value a
   * history gives that day, with each holding's price, age and cost basis as of then.
   */
  public Snapshot snapshotAt(List<String> accounts, AssetId currency, LocalDate day) {
    List<Holding> holdings = new ArrayList<>();
    for (String id : accounts) {
      Optional<AccountRow> row = queries.account(id);
      if (row.isEmpty()) {
        continue;
      }
      List<LedgerEntry> ledger = new ArrayList<>();
      for (TransactionRow t : queries.ledger(id)) {
        ledger.add(new LedgerEntry(t.transactionId(), transaction(t)));
      }
      holdings.addAll(Holding.atEndOf(day, id, AssetId.of(row.get().currency()), row.get().allowShort(), ledger));
    }
    // the read side's order of positions: by asset, then account
    holdings.sort(java.util.Comparator.comparing((Holding h) -> h.asset().value()).thenComparing(Holding::account));
    Pricing p = pricing(day, day);
    return Snapshot.of(holdings, catalog::find, p.closes(), p.rates(), currency, day, marketData.settings()::staleAfter);
  }

  private Transaction transaction(TransactionRow t) {
    try {
      return json.readValue(t.transaction(), Transaction.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("transaction " + t.transactionId() + " on the read side does not read back", e);
    }
  }

  /** The UTC day of the first transaction of the ledgers, if any. */
  public static Optional<LocalDate> firstDay(List<ValueHistory.Ledger> ledgers) {
    return ledgers.stream().flatMap(l -> l.transactions().stream()).map(Transaction::timestamp).min(java.time.Instant::compareTo)
        .map(i -> i.atZone(ZoneOffset.UTC).toLocalDate());
  }

  /** The splits the store knows of. */
  List<CorporateAction.Split> splits() {
    return UnadjustedCloses.splitsOf(marketData.store().actions(null).stream().map(StoredAction::action).toList());
  }

  public ValueHistory history(List<ValueHistory.Ledger> ledgers, AssetId currency, LocalDate from, LocalDate to, Set<ValueHistory.Breakdown> by) {
    return answer(ledgers, currency, from, to, by).history();
  }

  /**
   * The history, from the days computed for an earlier request when the ledgers and the stored
   * prices are still what they were (then {@code precomputed} is true), else computed now.
   */
  public dev.ballast.engine.marketdata.valuation.PrecomputedHistories.Answer answer(List<ValueHistory.Ledger> ledgers, AssetId currency,
      LocalDate from, LocalDate to, Set<ValueHistory.Breakdown> by) {
    // the version is read before the prices are: a write while they load makes the next request compute again
    // the database's count of price writes: a write by another server sharing the database is seen too
    long version = marketData.store().storedVersion();
    var inputs = new dev.ballast.engine.marketdata.valuation.PrecomputedHistories.Inputs(ledgers, currency, by, version,
        dev.ballast.engine.marketdata.valuation.PrecomputedHistories.Inputs.assetsOf(ledgers, catalog::find));
    java.util.function.Supplier<ValueHistory> compute = () -> {
      Pricing p = pricing(from, to);
      return ValueHistory.of(ledgers, catalog::find, p.closes(), p.rates(), currency, from, to, marketData.settings()::staleAfter, by);
    };
    if (by.contains(ValueHistory.Breakdown.ASSET)) {
      // a value per asset and day is too large to keep (1,000 assets over 10 years: 3.65 M entries)
      return new dev.ballast.engine.marketdata.valuation.PrecomputedHistories.Answer(compute.get(), false);
    }
    return precomputed.history(inputs, from, to, compute);
  }

  public ValueHistory benchmark(AssetId asset, AssetId currency, LocalDate from, LocalDate to) {
    Pricing p = pricing(from, to);
    return ValueHistory.benchmark(asset, p.splits(), catalog::find, p.closes(), p.rates(), currency, from, to,
        marketData.settings()::staleAfter);
  }

  private record Pricing(UnadjustedCloses closes, AsOfRates rates, List<CorporateAction.Split> splits) {}

  private Pricing pricing(LocalDate from, LocalDate to) {
    List<CorporateAction.Split> splits = splits();
    UnadjustedCloses closes = new UnadjustedCloses(marketData.store().closes(from, to), splits);
    // FX legs are used at most FX_MAX_AGE old: the days before the range that far back are enough
    AsOfRates rates = new AsOfRates(new InMemoryRates(marketData.store().allRates(from.minus(ValuationRoutes.FX_MAX_AGE), to)),
        AssetId.of("USD"), ValuationRoutes.FX_MAX_AGE);
    return new Pricing(closes, rates, splits);
  }
}
