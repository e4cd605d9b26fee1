package dev.ballast.engine.ledger;

import dev.ballast.engine.model.FieldError;
import static dev.ballast.engine.Fixtures.NOW;
import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.jpy;
import static dev.ballast.engine.Fixtures.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionValidatorTest {

  private final TransactionValidator validator =
      new TransactionValidator(jpy(), Fixtures.knownAsset(), Duration.ofMinutes(10));

  private List<String> fields(Transaction tx) {
    return validator.validate(1, tx, NOW).stream().map(FieldError::field).toList();
  }

  private static Transaction.Builder transfer(TransactionType type) {
    return Transaction.builder(type).at(at(-1)).asset("BTC").quantity("1").ref("test", "x1");
  }

  @Test
  void aValidBuyHasNoErrors() {
    assertEquals(List.of(), fields(buy("b1", "0.5", "BTC", "5000000", "JPY")));
  }

  @Test
  void theErrorCarriesTheRowNumber() {
    List<FieldError> errors = validator.validate(7, buy("b1", "0", "BTC", "5000000", "JPY"), NOW);
    assertEquals(1, errors.size());
    assertEquals(7, errors.get(0).row());
    assertEquals("quantity", errors.get(0).field());
    assertTrue(errors.get(0).toString().startsWith("row 7, field quantity"), errors.get(0).toString());
  }

  @Test
  void aBuyFeeInTheCoinThatTakesAllOfItIsNamed() {
    Transaction allFee = trade(TransactionType.BUY, at(-1), "b1", "0.001", "BTC", "5000000", "JPY").fee("0.001", "BTC").build();
    Transaction someFee = trade(TransactionType.BUY, at(-1), "b2", "0.001", "BTC", "5000000", "JPY").fee("0.000001", "BTC").build();
    assertEquals(List.of("fee"), fields(allFee));
    assertEquals(List.of(), fields(someFee));
  }

  @Test
  void anUnknownAssetIsNamed() {
    List<FieldError> errors = validator.validate(1, buy("b1", "1", "DOGE", "20", "JPY"), NOW);
    assertEquals(List.of("asset"), errors.stream().map(FieldError::field).toList());
    assertTrue(errors.get(0).message().contains("DOGE"));
  }

  @Test
  void fiatIsAlwaysKnown() {
    assertEquals(List.of(), fields(Fixtures.deposit("d1", "100", "EUR")));
  }

  @Test
  void aNonPositiveQuantityIsNamed() {
    assertEquals(List.of("quantity"), fields(buy("b1", "0", "BTC", "5000000", "JPY")));
    assertEquals(List.of("quantity"), fields(buy("b1", "-1", "BTC", "5000000", "JPY")));
    assertEquals(List.of("quantity"), fields(Fixtures.deposit("d1", "-5", "JPY")));
  }

  @Test
  void aMissingQuantityIsNamed() {
    Transaction tx = Transaction.builder(TransactionType.SELL).at(at(-1)).asset("BTC").price("1", "JPY").ref("test", "s1").build();
    assertEquals(List.of("quantity"), fields(tx));
  }

  @Test
  void aTradeWithoutPriceIsNamed() {
    Transaction tx = Transaction.builder(TransactionType.BUY).at(at(-1)).asset("BTC").quantity("1").ref("test", "b1").build();
    assertEquals(List.of("price"), fields(tx));
  }

  @Test
  void aNegativePriceIsNamed() {
    assertEquals(List.of("price"), fields(buy("b1", "1", "BTC", "-1", "JPY")));
  }

  @Test
  void aPriceInTheTradedAssetItselfIsNamed() {
    assertEquals(List.of("price"), fields(buy("b1", "1", "BTC", "1", "BTC")));
  }

  @Test
  void aPriceInAnUnknownCurrencyIsNamed() {
    assertEquals(List.of("price"), fields(buy("b1", "1", "BTC", "100", "DOGE")));
  }

  @Test
  void aTimestampBeyondTheToleranceIsNamed() {
    Transaction tooLate = buy(NOW.plus(Duration.ofMinutes(11)), "b1", "1", "BTC", "1", "JPY");
    Transaction withinSkew = buy(NOW.plus(Duration.ofMinutes(9)), "b2", "1", "BTC", "1", "JPY");

    assertEquals(List.of("timestamp"), fields(tooLate));
    assertEquals(List.of(), fields(withinSkew));
  }

  @Test
  void missingTimestampSourceAndExternalIdAreNamed() {
    Transaction tx = Transaction.builder(TransactionType.BUY).asset("BTC").quantity("1").price("1", "JPY").build();
    assertEquals(List.of("timestamp", "source", "externalId"), fields(tx));
  }

  @Test
  void aMissingTypeOrAssetIsNamed() {
    Transaction noType = new Transaction(null, at(-1), Fixtures.btc(), null, null, null, null, null, null, null, null, "test", "x", null);
    Transaction noAsset = Transaction.builder(TransactionType.BUY).at(at(-1)).quantity("1").price("1", "JPY").ref("test", "x").build();
    assertEquals(List.of("type"), fields(noType));
    assertEquals(List.of("asset"), fields(noAsset));
  }

  @Test
  void aMissingTransactionIsNamed() {
    assertEquals(List.of("transaction"), fields(null));
  }

  @Test
  void aTransferWithoutTransferIdIsNamed() {
    assertEquals(List.of("transferId"), fields(transfer(TransactionType.TRANSFER_IN).build()));
    assertEquals(List.of("transferId"), fields(transfer(TransactionType.TRANSFER_OUT).build()));
    assertEquals(List.of(), fields(transfer(TransactionType.TRANSFER_OUT).transferId("t-1").build()));
  }

  @Test
  void anFxRateOtherThanOneOnAPriceInTheAccountCurrencyIsNamed() {
    Transaction wrong = trade(TransactionType.BUY, at(-1), "b1", "1", "BTC", "5000000", "JPY").fxRate("150").build();
    Transaction one = trade(TransactionType.BUY, at(-1), "b2", "1", "BTC", "5000000", "JPY").fxRate("1.000").build();
    Transaction foreign = trade(TransactionType.BUY, at(-1), "b3", "1", "BTC", "40000", "USD").fxRate("150").build();

    assertEquals(List.of("fxRate"), fields(wrong));
    assertEquals(List.of(), fields(one));
    assertEquals(List.of(), fields(foreign));
  }

  @Test
  void aNonPositiveFxRateIsNamed() {
    assertEquals(List.of("fxRate"), fields(trade(TransactionType.BUY, at(-1), "b1", "1", "BTC", "40000", "USD").fxRate("0").build()));
  }

  @Test
  void anFxRateOnIncomeInTheAccountCurrencyMustBeOne() {
    Transaction dividend =
        Transaction.builder(TransactionType.DIVIDEND).at(at(-1)).asset("VTI").amount("100", "JPY").fxRate("2").ref("test", "d").build();
    assertEquals(List.of("fxRate"), fields(dividend));
  }

  @Test
  void aDividendNeedsAPositiveAmount() {
    Transaction none = Transaction.builder(TransactionType.DIVIDEND).at(at(-1)).asset("VTI").ref("test", "d1").build();
    Transaction zero = Fixtures.dividend(at(-1), "d2", "VTI", "0", "USD");
    Transaction unknown = Fixtures.dividend(at(-1), "d3", "VTI", "10", "DOGE");

    assertEquals(List.of("amount"), fields(none));
    assertEquals(List.of("amount"), fields(zero));
    assertEquals(List.of("amount"), fields(unknown));
    assertEquals(List.of(), fields(Fixtures.dividend(at(-1), "d4", "VTI", "10", "USD")));
  }

  @Test
  void aSplitNeedsAPositiveRatioAndANonCurrencyAsset() {
    assertEquals(List.of("splitRatio"), fields(Fixtures.split(at(-1), "s1", "7203.T", "0")));
    assertEquals(List.of("asset"), fields(Fixtures.split(at(-1), "s2", "JPY", "2")));
    assertEquals(List.of(), fields(Fixtures.split(at(-1), "s3", "7203.T", "2")));
  }

  @Test
  void aNegativeFeeOrTaxIsNamed() {
    assertEquals(
        List.of("fee"),
        fields(trade(TransactionType.BUY, at(-1), "b1", "1", "BTC", "1", "JPY").fee("-1", "JPY").build()));
    assertEquals(
        List.of("tax"),
        fields(trade(TransactionType.SELL, at(-1), "s1", "1", "BTC", "1", "JPY").tax("-1", "JPY").build()));
    assertEquals(
        List.of("fee"),
        fields(trade(TransactionType.BUY, at(-1), "b2", "1", "BTC", "1", "JPY").fee("1", "DOGE").build()));
  }

  @Test
  void severalProblemsInOneRowAreAllReported() {
    Transaction tx = buy(NOW.plus(Duration.ofDays(1)), "b1", "0", "DOGE", "-1", "JPY");
    assertEquals(List.of("timestamp", "asset", "quantity", "price"), fields(tx));
  }
}
