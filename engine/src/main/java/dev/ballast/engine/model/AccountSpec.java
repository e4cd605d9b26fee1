package dev.ballast.engine.model;

import java.util.Objects;

/**
 * What an account is when opened.
 *
 * @param provider the venue or institution, e.g. {@code rakuten}, {@code binance}, {@code ledger-nano}
 * @param currency the account currency: cost basis and realized P&L are also kept in it
 * @param allowShort whether a sell may take a position below zero (margin accounts)
 */
public record AccountSpec(
    String name, AccountKind kind, String provider, AssetId currency, TaxWrapper taxWrapper, boolean allowShort) {

  public AccountSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(currency, "currency");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    provider = provider == null || provider.isBlank() ? "manual" : provider;
    taxWrapper = taxWrapper == null ? TaxWrapper.TAXABLE : taxWrapper;
  }
}
