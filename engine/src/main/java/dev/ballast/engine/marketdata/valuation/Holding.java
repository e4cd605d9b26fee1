package dev.ballast.engine.marketdata.valuation;

import dev.ballast.engine.analytics.account.LedgerEntry;
import dev.ballast.engine.ledger.PositionSummary;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.report.PositionsAsOf;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A quantity of an asset held in one account, with its cost basis (null when unknown); cash is
 * held as its currency.
 */
public record Holding(String account, AssetId asset, BigDecimal quantity, Money cost) {
  public Holding {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(quantity, "quantity");
  }

  /**
   * What one account held at the end of the UTC {@code day}: its ledger's transactions up to then
   * applied to an empty book, as the account applies them (the days of a value history are the
   * same UTC days), with each position's cost basis as it stood then. Non-zero holdings only,
   * cash first, then by asset.
   *
   * @param ledger the account's transactions in ledger order (trade time, then recording order)
   */
  public static List<Holding> atEndOf(LocalDate day, String account, AssetId accountCurrency, boolean allowShort, List<LedgerEntry> ledger) {
    List<Holding> out = new ArrayList<>();
    for (PositionSummary p : PositionsAsOf.of(accountCurrency, allowShort, ledger, day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
      Money cost = p.cost() == null || p.costCurrency() == null ? null : new Money(p.cost(), p.costCurrency());
      out.add(new Holding(account, p.asset(), p.quantity(), cost));
    }
    return out;
  }
}
