package dev.ballast.api.http.accounts;

import dev.ballast.persistence.query.AccountRow;
import java.time.Instant;

/** An account as the API lists it. */
public record AccountResponse(
    String accountId, String name, String kind, String provider, String currency, String taxWrapper,
    boolean allowShort, Instant openedAt, long transactionCount, String costMethod) {

  public static AccountResponse of(AccountRow row) {
    return new AccountResponse(row.accountId(), row.name(), row.kind(), row.provider(), row.currency(), row.taxWrapper(),
        row.allowShort(), row.openedAt(), row.transactionCount(), row.costMethod().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
  }
}
