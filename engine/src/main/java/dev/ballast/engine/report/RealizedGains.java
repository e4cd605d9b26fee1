package dev.ballast.engine.report;

import dev.ballast.engine.analytics.account.LedgerEntry;
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
import java.util.List;
import java.util.Objects;

/**
 * Realized gains per tax year (docs/reports.md#realized-gains): every sale and fee disposal of the
 * year costed by the account's own method over its whole ledger, so the figures are the ledger's
 * ({@link dev.ballast.engine.analytics.account.AccountMetrics} gives the same total for the same
 * year), converted to JPY at the rate of each disposal's trade date. Pure.
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
    CostBasis basis = CostBasisMethod.of(account.method(), zone).costs(account.currency(), entries, end);
    List<GainLine> lines = new ArrayList<>();
    Money total = Money.zero(account.currency());
    Money totalJpy = Money.zero(JPY);
    int unmeasured = 0;
    int withoutRate = 0;
    int provisional = 0;
    for (Realized r : basis.realized()) {
      if (r.closedAt().isBefore(start) || !r.closedAt().isBefore(end)) {
        continue;
      }
      LocalDate tradeDate = r.closedAt().atZone(zone).toLocalDate();
      BigDecimal rate = account.currency().equals(JPY)
          ? BigDecimal.ONE : rates.rate(account.currency(), JPY, tradeDate).orElse(null);
      Money pnlJpy = jpy(r.pnl(), rate);
      lines.add(new GainLine(r.asset(), r.disposal(), r.closedBy(), r.closedAt(), tradeDate, r.quantity(), r.cost(),
          r.proceeds(), r.pnl(), rate, jpy(r.cost(), rate), jpy(r.proceeds(), rate), pnlJpy, r.provisional()));
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

  private static Money jpy(Money amount, BigDecimal rate) {
    if (amount == null || rate == null) {
      return null;
    }
    return amount.currency().equals(JPY) ? amount : new Money(amount.amount().multiply(rate), JPY);
  }
}
