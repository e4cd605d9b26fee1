package dev.ballast.api.http;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.portfolio.Portfolio;
import java.util.List;

/**
 * Today's refusal replies of the entities read as a {@link CommandError}. The only code that looks
 * inside AccountLedger's and Portfolio's refusals: when the entities reply with CommandError
 * themselves, these methods go and the routes pass the error on.
 */
public final class EntityReplies {
  private EntityReplies() {}

  public static CommandError of(Portfolio.Refused refused, String portfolioId) {
    List<FieldError> errors = refused.errors();
    if (errors.stream().anyMatch(e -> e.field().equals("portfolio"))) {
      return new CommandError.NotFound("portfolio", portfolioId, errors.get(0).message());
    }
    if (errors.size() == 1 && errors.get(0).field().equals("id") && errors.get(0).message().contains("already exists")) {
      return new CommandError.Conflict(errors.get(0).message());
    }
    return CommandError.Invalid.of(errors);
  }

  public static CommandError of(AccountLedger.Rejected rejected, String accountId) {
    List<FieldError> errors = rejected.errors();
    if (errors.size() == 1 && errors.get(0).field().equals("account")) {
      return new CommandError.NotFound("account", accountId, errors.get(0).message());
    }
    return new CommandError.Invalid("nothing was recorded: " + errors.size() + " problem(s) in the batch", errors);
  }

  public static CommandError of(AccountLedger.OpenRejected rejected) {
    return new CommandError.Conflict(rejected.message());
  }

  /** A balance check that failed with a message. */
  public static CommandError balanceError(String error, String accountId) {
    if (error.endsWith("is not open")) {
      return new CommandError.NotFound("account", accountId, error);
    }
    return CommandError.Invalid.of(0, "body", error);
  }
}
