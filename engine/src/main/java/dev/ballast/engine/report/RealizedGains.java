package dev.ballast.engine.report;

import dev.ballast.engine.analytics.account.LedgerEntry;
import dev.ballast.engine.ledger.Movement;
import dev.ballast.engine.ledger.Movements;
import dev.ballast.engine.ledger.costbasis.CostBasis;
import dev.ballast.engine.ledger.costbasis.CostBasisMethod;
import dev.ballast.engine.ledger.costbasis.Entry;
import dev.ballast.engine.ledger.costbasis.Realized;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import dev.ballast.engine.model.FxRateProvider;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.TaxWrapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Realized gains per tax year (docs/reports.md#realized-gains): every sale and fee disposal of the
 * year costed by the account's own method over its whole ledger, so the figures are the ledger's
 * ({@link dev.ballast.engine.analytics.account.AccountMetrics} gives the same total for the same
 * year). In JPY, the proceeds are converted at the rate of the disposal's trade date and the cost
 * at the rate of each acquisition's trade date: the method is run a second time over the same
 * movements with every account-currency value converted to JPY at its own entry's date, so a FIFO
 * lot keeps the yen it cost and an average is an average of yen. A rate that is missing on a date
 * the figure needs leaves that figure unknown (never guessed). Pure.
 */
public final class RealizedGains {
  /** Japanese tax years are calendar years; trade dates are Tokyo dates. */
  public static final ZoneId TAX_ZONE = ZoneId.of("Asia/Tokyo");

  public static final AssetId JPY = AssetId.of("JPY");

  private final ZoneId zone;
  private final FxRateProvider rates;

  public RealizedGains(FxRateProvider rates) {
    this(rates, TAX_ZONE);
  }

  public RealizedGains(FxRateProvider rates, ZoneId zone) {
    this.rates = Objects.requireNonNull(rates, "rates");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** One account as the report needs it: its settings and every recorded transaction in ledger order. */
  public record AccountLedger(
      String accountId, String name, AssetId currency, TaxWrapper wrapper, CostMethod method, List<LedgerEntry> ledger) {
    public AccountLedger {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(currency, "currency");
      Objects.requireNonNull(method, "method");
      ledger = List.copyOf(ledger);
    }
  }

  /** The gains of {@code year} over {@code accounts}. */
  public TaxYearGains year(int year, List<AccountLedger> accounts) {
    List<AccountGains> out = new ArrayList<>();
    Money taxed = Money.zero(JPY);
    Money untaxed = Money.zero(JPY);
    Money deferred = Money.zero(JPY);
    boolean complete = true;
    for (AccountLedger account : accounts) {
      AccountGains gains = account(year, account);
      out.add(gains);
      complete &= gains.unmeasured() == 0 && gains.withoutRate() == 0;
      switch (gains.treatment()) {
        case TAXED -> taxed = taxed.plus(gains.totalJpy());
        case UNTAXED -> untaxed = untaxed.plus(gains.totalJpy());
        case DEFERRED -> deferred = deferred.plus(gains.totalJpy());
      }
    }
    return new TaxYearGains(year, out, taxed, untaxed, deferred, complete);
  }

  /** The gains of one account in {@code year}. */
  public AccountGains account(int year, AccountLedger account) {
    Instant start = LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
    Instant end = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant();
    List<Entry> entries = new ArrayList<>();
    for (LedgerEntry e : account.ledger()) {
      Instant at = e.transaction().timestamp();
      if (!at.isBefore(end)) {
        continue; // what came after the year cannot change its costs
      }
      entries.add(new Entry(e.transactionId(), at, Movements.of(e.transaction(), account.currency())));
    }
    CostBasisMethod method = CostBasisMethod.of(account.method(), zone);
    CostBasis basis = method.costs(account.currency(), entries, end);
    List<Realized> inJpy = account.currency().equals(JPY) ? basis.realized()
        : method.costs(JPY, inJpy(entries, account.currency()), end).realized();
    if (inJpy.size() != basis.realized().size()) {
      throw new IllegalStateException("the JPY costing of " + account.accountId() + " closed "
          + inJpy.size() + " disposals, the account-currency costing " + basis.realized().size());
    }
    List<GainLine> lines = new ArrayList<>();
    Money total = Money.zero(account.currency());
    Money totalJpy = Money.zero(JPY);
    int unmeasured = 0;
    int withoutRate = 0;
    int provisional = 0;
    for (int i = 0; i < basis.realized().size(); i++) {
      Realized r = basis.realized().get(i);
      if (r.closedAt().isBefore(start) || !r.closedAt().isBefore(end)) {
        continue;
      }
      Realized j = inJpy.get(i);
      if (!j.closedBy().equals(r.closedBy()) || j.quantity().compareTo(r.quantity()) != 0) {
        throw new IllegalStateException("the JPY costing of " + account.accountId() + " does not match disposal "
            + r.closedBy() + " (" + j.closedBy() + ")");
      }
      LocalDate tradeDate = r.closedAt().atZone(zone).toLocalDate();
      BigDecimal rate = rate(account.currency(), tradeDate);
      Money costJpy = j.cost();
      Money proceedsJpy = jpy(r.proceeds(), rate);
      Money pnlJpy = costJpy == null || proceedsJpy == null ? null : proceedsJpy.minus(costJpy);
      lines.add(new GainLine(r.asset(), r.disposal(), r.closedBy(), r.closedAt(), tradeDate, r.quantity(), r.cost(),
          r.proceeds(), r.pnl(), rate, costJpy, proceedsJpy, pnlJpy, r.provisional()));
      if (r.provisional()) {
        provisional++;
      }
      if (r.pnl() == null) {
        unmeasured++;
        continue;
      }
      total = total.plus(r.pnl());
      if (pnlJpy == null) {
        withoutRate++;
      } else {
        totalJpy = totalJpy.plus(pnlJpy);
      }
    }
    return new AccountGains(account.accountId(), account.name(), account.wrapper(), TaxTreatment.of(account.wrapper()),
        account.method(), account.currency(), year, lines, total, totalJpy, unmeasured, withoutRate, provisional);
  }

  /**
   * The same entries with every account-currency value in JPY at the rate of the entry's own trade
   * date (unknown where no rate is stored); quantities and order unchanged.
   */
  private List<Entry> inJpy(List<Entry> entries, AssetId currency) {
    Map<LocalDate, Optional<BigDecimal>> byDate = new HashMap<>();
    List<Entry> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      LocalDate date = e.at().atZone(zone).toLocalDate();
      BigDecimal rate = byDate.computeIfAbsent(date, d -> Optional.ofNullable(rate(currency, d))).orElse(null);
      List<Movement> changes = new ArrayList<>(e.movements().changes().size());
      for (Movement m : e.movements().changes()) {
        changes.add(new Movement(m.asset(), m.units(), m.currency(), m.value(), jpy(m.valueInAccount(), rate), m.disposal()));
      }
      Movements mv = e.movements();
      out.add(new Entry(e.transactionId(), e.at(), new Movements(changes, mv.split(), mv.fees(), mv.taxes(), mv.income())));
    }
    return out;
  }

  /** One unit of {@code currency} in JPY on {@code date}; null when no rate is stored. */
  private BigDecimal rate(AssetId currency, LocalDate date) {
    return currency.equals(JPY) ? BigDecimal.ONE : rates.rate(currency, JPY, date).orElse(null);
  }

  private static Money jpy(Money amount, BigDecimal rate) {
    if (amount == null || rate == null) {
      return null;
    }
    return amount.currency().equals(JPY) ? amount : new Money(amount.amount().multiply(rate), JPY);
  }
}
