package dev.ballast.engine.statement;

import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.TaxWrapper;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which account a statement row lands in: rows of the named account's own tax wrapper (or of a
 * file that does not say) go to it; rows of another wrapper go to the account given for that
 * wrapper ({@code --account-for WRAPPER=ID}), else to {@code ID-<wrapper>}.
 */
public record AccountRouting(AccountId account, TaxWrapper ownWrapper, Map<TaxWrapper, AccountId> accountFor) {

  public AccountRouting {
    Objects.requireNonNull(account, "account");
    accountFor = Map.copyOf(accountFor);
  }

  /** Every row to one account. */
  public static AccountRouting single(AccountId account, TaxWrapper ownWrapper) {
    return new AccountRouting(account, ownWrapper, Map.of());
  }

  /** The account for a row of this wrapper (null: the file does not say). */
  public AccountId accountFor(TaxWrapper wrapper) {
    if (wrapper == null || wrapper == ownWrapper) {
      return account;
    }
    AccountId given = accountFor.get(wrapper);
    return given != null ? given : AccountId.of(account.value() + "-" + slug(wrapper));
  }

  /** The wrapper's name in an account id: NISA_GROWTH becomes nisa-growth. */
  public static String slug(TaxWrapper wrapper) {
    return wrapper.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
