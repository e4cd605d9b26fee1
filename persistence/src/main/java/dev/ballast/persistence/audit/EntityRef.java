package dev.ballast.persistence.audit;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.portfolio.Portfolio;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * An entity named on the command line or in a URL: {@code account:ID}, {@code portfolio:ID}, or
 * the persistence id itself ({@code AccountLedger|ID}).
 */
public record EntityRef(Kind kind, String id) {

  public enum Kind {
    ACCOUNT,
    PORTFOLIO
  }

  public static EntityRef parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("entity: give account:ID, portfolio:ID or a persistence id");
    }
    int colon = text.indexOf(':');
    int bar = text.indexOf('|');
    if (colon > 0) {
      String kind = text.substring(0, colon);
      String id = text.substring(colon + 1);
      return switch (kind) {
        case "account" -> new EntityRef(Kind.ACCOUNT, AccountId.of(id).value());
        case "portfolio" -> new EntityRef(Kind.PORTFOLIO, PortfolioId.of(id).value());
        default -> throw new IllegalArgumentException("entity: unknown kind " + kind + " (account or portfolio)");
      };
    }
    if (bar > 0) {
      return fromPersistenceId(text);
    }
    throw new IllegalArgumentException("entity: give account:ID, portfolio:ID or a persistence id, got " + text);
  }

  public static EntityRef fromPersistenceId(String persistenceId) {
    int bar = persistenceId.indexOf('|');
    String type = bar < 0 ? "" : persistenceId.substring(0, bar);
    String id = persistenceId.substring(bar + 1);
    if (type.equals(AccountLedger.ENTITY_KEY.name())) {
      return new EntityRef(Kind.ACCOUNT, id);
    }
    if (type.equals(Portfolio.ENTITY_KEY.name())) {
      return new EntityRef(Kind.PORTFOLIO, id);
    }
    throw new IllegalArgumentException("entity: unknown entity type in persistence id " + persistenceId);
  }

  public String persistenceId() {
    PersistenceId pid = kind == Kind.ACCOUNT
        ? AccountLedger.persistenceId(AccountId.of(id))
        : Portfolio.persistenceId(PortfolioId.of(id));
    return pid.id();
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase() + ":" + id;
  }
}
