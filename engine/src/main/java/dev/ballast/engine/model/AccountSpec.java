package dev.ballast.engine.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/**
 * What an account is when opened.
 *
 * @param provider the venue or institution, e.g. {@code rakuten}, {@code binance}, {@code ledger-nano}
 * @param currency the account currency: cost basis and realized P&L are also kept in it
 * @param allowShort whether a sell may take a position below zero (margin accounts)
 * @param costMethod how the account's realized and unrealized P&L are costed by default
 *     (docs/ledger.md#cost-basis-methods); FIFO when not given
 */
public record AccountSpec(
    String name, AccountKind kind, String provider, AssetId currency, TaxWrapper taxWrapper, boolean allowShort,
    CostMethod costMethod) {

  @JsonCreator
  public AccountSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(currency, "currency");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    provider = provider == null || provider.isBlank() ? "manual" : provider;
    taxWrapper = taxWrapper == null ? TaxWrapper.TAXABLE : taxWrapper;
    costMethod = costMethod == null ? CostMethod.FIFO : costMethod;
  }

  /** An account costed FIFO. */
  public AccountSpec(String name, AccountKind kind, String provider, AssetId currency, TaxWrapper taxWrapper, boolean allowShort) {
    this(name, kind, provider, currency, taxWrapper, allowShort, CostMethod.FIFO);
  }
}
