package dev.ballast.api.http.reports;

import dev.ballast.api.http.valuation.Histories;
import dev.ballast.engine.analytics.report.ReportSettings;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.LedgerRejection;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.report.FillSource;
import dev.ballast.engine.report.IntendedFill;
import dev.ballast.engine.report.MonthlyReport;
import dev.ballast.engine.report.PeriodPerformance;
import dev.ballast.engine.report.Slippage;
import dev.ballast.engine.report.TradeAnnotations;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Gathers what the monthly report shows from the read side, the price store, the fills and the annotations. */
final class MonthlyReports {
  private final Histories histories;
  private final Function<String, List<TradeIds>> recorded;
  private final Function<AssetId, Optional<Asset>> assets;
  private final Optional<FillSource> fills;
  private final Function<TradeAnnotations.TradeRef, CompletionStage<TradeAnnotations.State>> notes;
  private final Duration askTimeout;
  private final Clock clock;

  MonthlyReports(Histories histories, Function<String, List<TradeIds>> recorded, Function<AssetId, Optional<Asset>> assets, Optional<FillSource> fills,
      Function<TradeAnnotations.TradeRef, CompletionStage<TradeAnnotations.State>> notes, Duration askTimeout, Clock clock) {
    this.histories = histories;
    this.recorded = recorded;
    this.assets = assets;
    this.fills = fills;
    this.notes = notes;
    this.askTimeout = askTimeout;
    this.clock = clock;
  }

  /** The time the reports go by. */
  Instant now() {
    return clock.instant();
  }

  MonthlyReport of(ReportSubject subject, YearMonth month, AssetId benchmark) throws Exception {
    List<String> notices = new ArrayList<>();
    List<ValueHistory.Ledger> ledgers = histories.ledgers(subject.accounts());
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate end = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
    Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    LocalDate start = Histories.firstDay(ledgers).orElse(month.atDay(1));
    AssetId currency = AssetId.of(subject.baseCurrency());
    List<PeriodPerformance> performance = List.of();
    List<MonthlyReport.EquityPoint> equity = new ArrayList<>();
    List<MonthlyReport.PositionLine> positions = new ArrayList<>();
    if (start.isAfter(end)) {
      notices.add("The portfolio has no transactions before the end of " + month + ": nothing to measure.");
    } else {
      ValueHistory h = histories.history(ledgers, currency, start, end, EnumSet.of(ValueHistory.Breakdown.ASSET));
      ValueHistory b = benchmark == null ? null : histories.benchmark(benchmark, currency, start, end);
      performance = PeriodPerformance.of(h, b, month, ReportSettings.defaults(365));
      h.days().forEach(d -> equity.add(new MonthlyReport.EquityPoint(d.date(), d.value())));
      List<ValueHistory.Day> incomplete = h.incomplete();
      if (!incomplete.isEmpty()) {
        notices.add(incomplete.size() + " day(s) could not be fully valued, first " + incomplete.get(0).date() + ": "
            + String.join("; ", incomplete.get(0).missing()));
      }
      if (b != null && !b.incomplete().isEmpty()) {
        notices.add("The benchmark " + benchmark + " has no price on " + b.incomplete().size() + " day(s); its return is left out there.");
      }
      ValueHistory.Day last = h.days().get(h.days().size() - 1);
      Map<AssetId, BigDecimal> quantities = quantities(ledgers, monthEnd);
      BigDecimal total = last.value();
      for (var e : last.byAsset().entrySet()) {
        BigDecimal q = quantities.getOrDefault(e.getKey(), BigDecimal.ZERO);
        if (q.signum() == 0 && e.getValue().signum() == 0) {
          continue;
        }
        Double weight = total == null || total.signum() == 0 ? null : e.getValue().divide(total, MathContext.DECIMAL64).doubleValue();
        positions.add(new MonthlyReport.PositionLine(e.getKey().value(), name(e.getKey()), q, e.getValue(), weight));
      }
      if (total == null) {
        notices.add("Weights are not shown: the value at " + last.date() + " is not complete.");
      }
    }
    if (benchmark == null) {
      notices.add("No benchmark is set (benchmark=ASSET compares the returns).");
    }
    Map<String, IntendedFill> byFill = new HashMap<>();
    if (fills.isPresent()) {
      for (IntendedFill f : fills.get().fills(subject.accounts(), monthStart, monthEnd)) {
        byFill.put(f.accountId() + "\u0000" + f.fill().id().value(), f);
      }
    } else {
      notices.add("Slippage is not shown: this server has no order and fill source.");
    }
    List<MonthlyReport.TradeLine> trades = new ArrayList<>();
    List<MonthlyReport.NoteLine> annotations = new ArrayList<>();
    for (ValueHistory.Ledger l : ledgers) {
      for (TradeIds t : recorded.apply(l.account())) {
        Transaction tx = t.tx();
        if (tx.timestamp().isBefore(monthStart) || !tx.timestamp().isBefore(monthEnd)
            || (tx.type() != TransactionType.BUY && tx.type() != TransactionType.SELL)) {
          continue;
        }
        IntendedFill fill = byFill.get(l.account() + "\u0000" + tx.externalId());
        BigDecimal bps = fill == null ? null : Slippage.bps(fill).orElse(null);
        trades.add(new MonthlyReport.TradeLine(tx.timestamp(), l.account(), t.id(), tx.type().name(), tx.asset().value(), name(tx.asset()),
            tx.quantity() == null ? null : tx.quantity().value(), tx.price() == null ? null : tx.price().value(),
            tx.price() == null ? null : tx.price().currency().value(), bps));
        TradeAnnotations.State state = notes.apply(TradeAnnotations.TradeRef.trade(l.account(), t.id())).toCompletableFuture()
            .get(askTimeout.toMillis(), TimeUnit.MILLISECONDS);
        for (TradeAnnotations.Annotation a : state.annotations()) {
          annotations.add(new MonthlyReport.NoteLine(l.account() + "/" + t.id() + " " + tx.type() + " " + tx.asset().value(),
              a.phase().name().toLowerCase(java.util.Locale.ROOT), a.by(), a.at(),
              a.answers().entrySet().stream().map(e -> e.getKey().replace('_', ' ') + ": " + e.getValue()).collect(Collectors.joining("; "))));
        }
      }
    }
    trades.sort(java.util.Comparator.comparing(MonthlyReport.TradeLine::time));
    long unfilled = trades.stream().filter(t -> t.slippageBps() == null).count();
    if (fills.isPresent() && unfilled > 0) {
      notices.add("Slippage n/a: " + unfilled + (unfilled == 1 ? " trade" : " trades") + " of the month "
          + (unfilled == 1 ? "was" : "were") + " not filled through a Ballast venue, so "
          + (unfilled == 1 ? "it has" : "they have") + " no intended price.");
    }
    return new MonthlyReport(subject.portfolio() != null ? subject.portfolio() : subject.account(), subject.name(), month,
        currency.value(), clock.instant(), benchmark == null ? null : benchmark.value(), performance, equity, positions, trades,
        annotations, notices);
  }

  /** A recorded transaction with its ledger id, as the read side lists an account's ledger. */
  record TradeIds(String id, Transaction tx) {}

  private String name(AssetId asset) {
    return assets.apply(asset).map(Asset::name).orElse(null);
  }

  /** What each asset's quantity was at {@code end}, over all the ledgers. */
  private static Map<AssetId, BigDecimal> quantities(List<ValueHistory.Ledger> ledgers, Instant end) {
    Map<AssetId, BigDecimal> out = new TreeMap<>();
    for (ValueHistory.Ledger l : ledgers) {
      LedgerBook book = LedgerBook.empty(l.currency(), true);
      int n = 0;
      for (Transaction tx : l.transactions()) {
        if (!tx.timestamp().isBefore(end)) {
          continue;
        }
        try {
          book = book.next("q-" + n++, tx);
        } catch (LedgerRejection e) {
          // the ledger accepted it in its own order; a quantity here is for display only
        }
      }
      book.positions().forEach((asset, p) -> out.merge(asset, p.quantity(), BigDecimal::add));
      book.cash().forEach((asset, q) -> out.merge(asset, q, BigDecimal::add));
    }
    return out;
  }
}
