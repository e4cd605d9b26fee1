package dev.ballast.persistence.audit;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.execution.Execution;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.engine.risk.KillSwitch;
import dev.ballast.engine.strategy.Strategy;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * An entity named on the command line or in a URL: {@code account:ID}, {@code portfolio:ID}, or
 * the persistence id itself ({@code AccountLedger|ID}).
 */
public record EntityRef(Kind kind, String id) {

  /**
   * Every event-sourced entity type the audit reads: its name on the command line, its type key in
   * persistence ids, how its ids are checked, and its event handler from the empty state. A new
   * entity type is one more constant here, and {@code audit log|state|verify} cover it.
   */
  public enum Kind {
    ACCOUNT("account", AccountLedger.ENTITY_KEY.name(), id -> AccountId.of(id).value(),
        id -> AccountLedger.persistenceId(AccountId.of(id)), AccountLedger.NotOpened::new,
        (state, event) -> AccountLedger.applyEvent((AccountLedger.State) state, (AccountLedger.Event) event)),
    PORTFOLIO("portfolio", Portfolio.ENTITY_KEY.name(), id -> PortfolioId.of(id).value(),
        id -> Portfolio.persistenceId(PortfolioId.of(id)), Portfolio.NotCreated::new,
        (state, event) -> Portfolio.applyEvent((Portfolio.State) state, (Portfolio.Event) event)),
    STRATEGY("strategy", Strategy.ENTITY_KEY.name(), id -> PortfolioId.of(id).value(),
        id -> Strategy.persistenceId(PortfolioId.of(id)), Strategy.Unconfigured::new,
        (state, event) -> Strategy.applyEvent((Strategy.State) state, (Strategy.Event) event)),
    EXECUTION("execution", Execution.ENTITY_KEY.name(), id -> AccountId.of(id).value(),
        id -> Execution.persistenceId(AccountId.of(id)), Execution.State::empty,
        (state, event) -> Execution.applyEvent((Execution.State) state, (Execution.Event) event)),
    KILL_SWITCH("kill-switch", KillSwitch.ENTITY_KEY.name(), EntityRef::theKillSwitch,
        id -> KillSwitch.thePersistenceId(), KillSwitch.State::off,
        (state, event) -> KillSwitch.applyEvent((KillSwitch.State) state, (KillSwitch.Event) event));

    private final String cliName;
    private final String typeKey;
    private final UnaryOperator<String> checkId;
    private final Function<String, PersistenceId> persistenceId;
    private final Supplier<Object> empty;
    private final BinaryOperator<Object> apply;

    Kind(String cliName, String typeKey, UnaryOperator<String> checkId, Function<String, PersistenceId> persistenceId,
        Supplier<Object> empty, BinaryOperator<Object> apply) {
      this.cliName = cliName;
      this.typeKey = typeKey;
      this.checkId = checkId;
      this.persistenceId = persistenceId;
      this.empty = empty;
      this.apply = apply;
    }

    /** The type key that starts this kind's persistence ids ({@code AccountLedger}). */
    public String typeKey() {
      return typeKey;
    }

    /** The state before the first event. */
    public Object emptyState() {
      return empty.get();
    }

    /** The state after one more event, by the entity's own event handler. */
    public Object apply(Object state, Object event) {
      return apply.apply(state, event);
    }

    /** {@code account or portfolio}, {@code account, portfolio or strategy}. */
    static String names(String suffix) {
      List<String> names = Arrays.stream(values()).map(k -> k.cliName + suffix).toList();
      return names.size() == 1 ? names.get(0)
          : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
  }

  private static String theKillSwitch(String id) {
    if (!KillSwitch.ID.equals(id)) {
      throw new IllegalArgumentException("entity: there is one kill switch, kill-switch:" + KillSwitch.ID + "; got " + id);
    }
    return id;
  }

  public static EntityRef parse(String text) {
    String forms = "give " + Arrays.stream(Kind.values()).map(k -> k.cliName + ":ID").collect(Collectors.joining(", "))
        + " or a persistence id";
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("entity: " + forms);
    }
    int colon = text.indexOf(':');
    int bar = text.indexOf('|');
    if (colon > 0) {
      String kind = text.substring(0, colon);
      String id = text.substring(colon + 1);
      for (Kind k : Kind.values()) {
        if (k.cliName.equals(kind)) {
          return new EntityRef(k, k.checkId.apply(id));
        }
      }
      throw new IllegalArgumentException("entity: unknown kind " + kind + " (" + Kind.names("") + ")");
    }
    if (bar > 0) {
      return fromPersistenceId(text);
    }
    throw new IllegalArgumentException("entity: " + forms + ", got " + text);
  }

  public static EntityRef fromPersistenceId(String persistenceId) {
    int bar = persistenceId.indexOf('|');
    String type = bar < 0 ? "" : persistenceId.substring(0, bar);
    String id = persistenceId.substring(bar + 1);
    for (Kind k : Kind.values()) {
      if (k.typeKey.equals(type)) {
        return new EntityRef(k, id);
      }
    }
    throw new IllegalArgumentException("entity: unknown entity type in persistence id " + persistenceId);
  }

  public String persistenceId() {
    return kind.persistenceId.apply(id).id();
  }

  @Override
  public String toString() {
    return kind.cliName + ":" + id;
  }
}
