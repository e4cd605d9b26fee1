package dev.ballast.engine.report;

import dev.ballast.engine.model.Money;
import java.util.List;

/**
 * The realized gains of a tax year over some accounts, with the JPY totals split by treatment:
 * {@code taxedJpy} is what a return declares, {@code untaxedJpy} the NISA gains listed for the record.
 *
 * @param complete false when some line has no JPY figure (unknown P&L or no rate): the totals leave it out
 */
public record TaxYearGains(
    int year, List<AccountGains> accounts, Money taxedJpy, Money untaxedJpy, Money deferredJpy, boolean complete) {
  public TaxYearGains {
    accounts = List.copyOf(accounts);
  }
}
