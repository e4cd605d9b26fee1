package dev.ballast.engine.model;

import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.portfolio.TargetAllocation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputLimitsTest {

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  private static Transaction.Builder depositOf(String quantity) {
    return Transaction.builder(TransactionType.DEPOSIT).at(Instant.parse("2025-01-01T00:00:00Z")).asset("JPY")
        .quantity(quantity).ref("test", "d1");
  }

  @Test
  void aFixtureTransactionIsWithinEveryLimit() {
    assertEquals(List.of(), InputLimits.transaction(1, buy("b1", "0.5", "BTC", "5000000", "JPY")));
    Transaction everything = Transaction.builder(TransactionType.BUY).at(Instant.parse("2025-01-01T00:00:00Z")).asset("BTC")
        .quantity("0.000000000000000001").price("9999999999999999999999.999999999999999999", "JPY").fee("150", "JPY")
        .tax("12.5", "JPY").fxRate("1").transferId("t-1").splitRatio("2").ref("binance-api", "T 1001/x").note("ビットコイン 🚀").build();
    assertEquals(List.of(), InputLimits.transaction(1, everything));
  }

  @Test
  void hugeAndTinyNumbersAreRefusedNamingTheField() {
    List<FieldError> huge = InputLimits.transaction(3, depositOf("1e1000").build());
    assertEquals(List.of("quantity"), fields(huge));
    assertEquals(3, huge.get(0).row());
    assertTrue(huge.get(0).message().contains("at most 22 digits"), huge.get(0).message());

    List<FieldError> tiny = InputLimits.transaction(1, depositOf("1e-1000").build());
    assertEquals(List.of("quantity"), fields(tiny));
    assertTrue(tiny.get(0).message().contains("1000 decimal places"), tiny.get(0).message());

    assertEquals(List.of("quantity"), fields(InputLimits.transaction(1, depositOf("9".repeat(999)).build())));
    assertEquals(List.of("quantity"), fields(InputLimits.transaction(1, depositOf("0." + "1".repeat(500)).build())));
    // trailing zeros are written to the journal too, so they count
    assertEquals(List.of("quantity"), fields(InputLimits.transaction(1, depositOf("1." + "0".repeat(19)).build())));
    assertEquals(List.of(), InputLimits.transaction(1, depositOf("9".repeat(22) + "." + "9".repeat(18)).build()));
    assertEquals(List.of("quantity"), fields(InputLimits.transaction(1, depositOf("9".repeat(23)).build())));
  }

  @Test
  void everyDecimalFieldOfATransactionIsChecked() {
    Transaction tx = Transaction.builder(TransactionType.BUY).at(Instant.parse("2025-01-01T00:00:00Z")).asset("BTC")
        .quantity("1").price("1e30", "JPY").amount("1e-30", "JPY").fee("1e25", "JPY").tax("1e-19", "JPY")
        .fxRate("1e23").splitRatio("1e10").ref("s", "e").build();
    assertEquals(List.of("price.value", "amount.amount", "fee.amount", "tax.amount", "fxRate", "splitRatio"),
        fields(InputLimits.transaction(1, tx)));
  }

  @Test
  void textFieldsAreHeldToTheirReadTableColumns() {
    Transaction tx = depositOf("1").ref("s".repeat(60_000), "e".repeat(201)).transferId("t".repeat(201)).note("n".repeat(1001)).build();
    List<FieldError> errors = InputLimits.transaction(1, tx);
    assertEquals(List.of("transferId", "source", "externalId", "note"), fields(errors));
    assertTrue(errors.get(1).message().contains("60000 characters; at most 100"), errors.get(1).message());
    assertEquals(List.of(), InputLimits.transaction(1, depositOf("1").ref("s".repeat(100), "e".repeat(200)).build()));
  }

  @Test
  void theKeySeparatorCannotEnterASourceOrAnExternalId() {
    List<FieldError> inSource = InputLimits.transaction(1, depositOf("1").ref("x\u001fy", "z").build());
    List<FieldError> inId = InputLimits.transaction(1, depositOf("1").ref("x", "y\u001fz").build());
    assertEquals(List.of("source"), fields(inSource));
    assertEquals(List.of("externalId"), fields(inId));
    assertEquals(List.of("externalId"), fields(InputLimits.transaction(1, depositOf("1").ref("x", " padded").build())));
    assertEquals(List.of("source"), fields(InputLimits.transaction(1, depositOf("1").ref("my notes", "1").build())));
    assertEquals(List.of("note"), fields(InputLimits.transaction(1, depositOf("1").note("a\u0000b").build())));
    assertEquals(List.of("note"), fields(InputLimits.transaction(1, depositOf("1").note("bidi \u202E override").build())));
    assertEquals(List.of("note"), fields(InputLimits.transaction(1, depositOf("1").note("lone \uD800 surrogate").build())));
    assertEquals(List.of("note"), fields(InputLimits.transaction(1, depositOf("1").note("line\nbreak").build())));
  }

  @Test
  void instantsOutsideWhatTheTablesKeepAreRefused() {
    Transaction ancient = depositOf("1").at(Instant.parse("1899-12-31T23:59:59Z")).build();
    Transaction far = depositOf("1").at(Instant.MAX).build();
    assertEquals(List.of("timestamp"), fields(InputLimits.transaction(2, ancient)));
    assertEquals(List.of("timestamp"), fields(InputLimits.transaction(2, far)));
  }

  @Test
  void aBatchRefusesOneRecordWithTwoContentsNamingBothRows() {
    Transaction first = deposit("d1", "100", "JPY");
    Transaction other = deposit("d1", "200", "JPY");
    List<FieldError> errors = InputLimits.batch(List.of(first, deposit("d2", "1", "JPY"), other));
    assertEquals(2, errors.size(), errors.toString());
    assertEquals(List.of(1, 3), errors.stream().map(FieldError::row).toList());
    assertEquals(List.of("externalId", "externalId"), fields(errors));
    assertTrue(errors.get(0).message().contains("row 3"), errors.get(0).message());
    assertTrue(errors.get(1).message().contains("row 1"), errors.get(1).message());
    // the same row twice is a repeat, not a conflict
    assertEquals(List.of(), InputLimits.batch(List.of(first, first)));
    assertEquals(List.of("transactions"), fields(InputLimits.batch(null)));
    assertEquals(List.of("transaction"), fields(InputLimits.batch(java.util.Arrays.asList(first, null))));
  }

  @Test
  void accountsPortfoliosAndAssetsKeepToTheirColumns() {
    AccountSpec spec = new AccountSpec("n".repeat(201), AccountKind.EXCHANGE, "p".repeat(101), AssetId.of("JPY"), null, false);
    assertEquals(List.of("name", "provider"), fields(InputLimits.account(spec)));
    assertEquals(List.of(), InputLimits.account(new AccountSpec("楽天 NISA", AccountKind.BROKER, "rakuten", AssetId.of("JPY"), null, false)));
    assertEquals(List.of("name"), fields(InputLimits.accountName("tab\tname")));
    assertEquals(List.of("provider"), fields(InputLimits.provider("bin ance")));
    assertEquals(List.of("name"), fields(InputLimits.portfolio("p".repeat(201))));
    assertEquals(List.of(), InputLimits.portfolio("Main"));

    Asset ok = new Asset(AssetId.of("SHIB"), "Shiba Inu", AssetClass.CRYPTO, AssetId.of("USD"), Map.of("venue:binance", "SHIBUSDT"));
    assertEquals(List.of(), InputLimits.asset(ok));
    Asset bad = new Asset(AssetId.of("SHIB"), "x".repeat(201), AssetClass.CRYPTO, AssetId.of("USD"),
        Map.of("Bad Key", "v", "isin", "with\u001fseparator"));
    assertEquals(List.of("name", "identifiers", "identifiers.isin"), fields(InputLimits.asset(bad)));
  }

  @Test
  void balanceReportsAndTargetsAreChecked() {
    assertEquals(List.of(), InputLimits.balanceReport("bitflyer-api", Instant.parse("2025-12-31T00:00:00Z"),
        Map.of(AssetId.of("BTC"), new BigDecimal("0.4"))));
    List<FieldError> bad = InputLimits.balanceReport("s".repeat(101), Instant.parse("2025-12-31T00:00:00Z"),
        Map.of(AssetId.of("BTC"), new BigDecimal("1e1000")));
    assertEquals(List.of("source", "balances.BTC"), fields(bad));

    TargetAllocation target = new TargetAllocation(TargetAllocation.Kind.ASSET,
        List.of(new TargetAllocation.Target("BTC", new BigDecimal("1e-100")), new TargetAllocation.Target("ETH", new BigDecimal("1e5"))), null);
    assertEquals(List.of("targets[0].weightPercent", "targets[1].weightPercent"), fields(TargetAllocation.limits(target)));
    TargetAllocation groups = new TargetAllocation(TargetAllocation.Kind.GROUP,
        List.of(new TargetAllocation.Target("core", new BigDecimal("100"))), Map.of("core", List.of(AssetId.of("BTC")), "bad\u001f", List.of()));
    assertEquals(List.of("groups"), fields(TargetAllocation.limits(groups)));
  }
}
