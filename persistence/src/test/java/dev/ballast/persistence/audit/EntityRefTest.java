package dev.ballast.persistence.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How an entity is named on the command line and in URLs; no database involved. */
class EntityRefTest {

  @Test
  void acceptsKindColonIdAndPersistenceIds() {
    assertEquals(new EntityRef(EntityRef.Kind.ACCOUNT, "acc-1"), EntityRef.parse("account:acc-1"));
    assertEquals(new EntityRef(EntityRef.Kind.PORTFOLIO, "pf-1"), EntityRef.parse("portfolio:pf-1"));
    assertEquals(new EntityRef(EntityRef.Kind.ACCOUNT, "acc-1"), EntityRef.parse("AccountLedger|acc-1"));
    assertEquals(new EntityRef(EntityRef.Kind.PORTFOLIO, "pf-1"), EntityRef.parse("Portfolio|pf-1"));
  }

  @Test
  void persistenceIdAndTextRoundTrip() {
    EntityRef account = EntityRef.parse("account:acc-1");
    assertEquals("AccountLedger|acc-1", account.persistenceId());
    assertEquals("account:acc-1", account.toString());
    assertEquals(account, EntityRef.parse(account.persistenceId()));
    EntityRef portfolio = EntityRef.parse("portfolio:pf-1");
    assertEquals("Portfolio|pf-1", portfolio.persistenceId());
    assertEquals(portfolio, EntityRef.parse(portfolio.toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "acc-1", "wallet:w-1", "Wallet|w-1", "account:Not Valid", "account:"})
  void rejectsJunkWithAMessageThatSaysWhatIsExpected(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EntityRef.parse(text));
    assertTrue(e.getMessage().contains("account") || e.getMessage().contains("entity"), e.getMessage());
  }

  @Test
  void messagesNameTheProblem() {
    assertEquals("entity: unknown kind wallet (account, portfolio, strategy, execution or kill-switch)",
        assertThrows(IllegalArgumentException.class, () -> EntityRef.parse("wallet:w-1")).getMessage());
    assertEquals("entity: give account:ID, portfolio:ID, strategy:ID, execution:ID, kill-switch:ID or a persistence id, got acc-1",
        assertThrows(IllegalArgumentException.class, () -> EntityRef.parse("acc-1")).getMessage());
    assertEquals("entity: unknown entity type in persistence id Wallet|w-1",
        assertThrows(IllegalArgumentException.class, () -> EntityRef.parse("Wallet|w-1")).getMessage());
    assertEquals(new EntityRef(EntityRef.Kind.STRATEGY, "pf-1"), EntityRef.parse("Strategy|pf-1"));
    assertEquals("Execution|acc-1", EntityRef.parse("execution:acc-1").persistenceId());
    assertEquals("KillSwitch|global", EntityRef.parse("kill-switch:global").persistenceId());
    assertThrows(IllegalArgumentException.class, () -> EntityRef.parse("kill-switch:other"));
    assertThrows(IllegalArgumentException.class, () -> EntityRef.parse(null));
  }
}
