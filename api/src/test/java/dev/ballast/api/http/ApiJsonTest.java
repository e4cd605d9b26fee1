package dev.ballast.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ballast.api.http.accounts.AccountRequest;
import dev.ballast.api.http.transactions.BalanceReportRequest;
import dev.ballast.api.http.transactions.TransactionBatchRequest;
import dev.ballast.engine.model.AccountKind;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiJsonTest {
  private final ApiJson json = new ApiJson(JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build());

  private static String row(String fields) {
    return "{\"transactions\": [{\"type\": \"DEPOSIT\", \"timestamp\": \"2025-01-01T00:00:00Z\", \"asset\": \"JPY\", \"quantity\": 1,"
        + " \"source\": \"s\", \"externalId\": \"e\"" + fields + "}]}";
  }

  private FieldError refusal(String body, Class<?> type) {
    FieldError error = assertThrows(ApiJson.BadBody.class, () -> json.read(body, type)).error();
    for (String internal : new String[] {"com.fasterxml", "java.", "dev.ballast", "Cannot deserialize", "Unrecognized", "jackson"}) {
      assertFalse(error.message().contains(internal), "the message names an internal: " + error.message());
    }
    return error;
  }

  @Test
  void aWellFormedBatchReadsWithExactDecimals() {
    TransactionBatchRequest batch = json.read(row(", \"fee\": {\"amount\": 0.1, \"currency\": \"JPY\"}"), TransactionBatchRequest.class);
    assertEquals(TransactionType.DEPOSIT, batch.transactions().get(0).type());
    assertEquals(Instant.parse("2025-01-01T00:00:00Z"), batch.transactions().get(0).timestamp());
    assertEquals(new BigDecimal("0.1"), batch.transactions().get(0).fee().amount());
    assertEquals(new BigDecimal("1"), batch.transactions().get(0).quantity());
  }

  @Test
  void timestampsAreIsoTextOnly() {
    String body = row("").replace("\"2025-01-01T00:00:00Z\"", "123");
    FieldError error = refusal(body, TransactionBatchRequest.class);
    assertEquals("transactions[0].timestamp", error.field());
    assertTrue(error.message().contains("ISO-8601"), error.message());
    assertEquals("transactions[0].timestamp",
        refusal(row("").replace("2025-01-01T00:00:00Z", "2025-01-01"), TransactionBatchRequest.class).field());
  }

  @Test
  void enumsAreTheirExactNames() {
    for (String kind : new String[] {"1", "\"exchange\"", "\"EXCHANGE \"", "\"\""}) {
      FieldError error = refusal("{\"id\": \"a\", \"name\": \"A\", \"kind\": " + kind + ", \"currency\": \"JPY\"}", AccountRequest.class);
      assertEquals("kind", error.field(), kind);
      assertTrue(error.message().contains("EXCHANGE, WALLET"), error.message());
    }
    assertEquals(AccountKind.WALLET,
        json.read("{\"id\": \"a\", \"name\": \"A\", \"kind\": \"WALLET\", \"currency\": \"JPY\"}", AccountRequest.class).kind());
    assertEquals("transactions[0].type", refusal(row("").replace("\"DEPOSIT\"", "\"DEPOSIT \""), TransactionBatchRequest.class).field());
  }

  @Test
  void noScalarIsReadAsAnotherKind() {
    assertEquals("transactions[0].quantity", refusal(row("").replace("\"quantity\": 1", "\"quantity\": \"1\""), TransactionBatchRequest.class).field());
    assertEquals("transactions[0].externalId", refusal(row("").replace("\"externalId\": \"e\"", "\"externalId\": 7"), TransactionBatchRequest.class).field());
    assertEquals("allowShort",
        refusal("{\"id\": \"a\", \"name\": \"A\", \"kind\": \"WALLET\", \"currency\": \"JPY\", \"allowShort\": \"yes\"}", AccountRequest.class).field());
    assertEquals("balances.BTC", refusal("{\"source\": \"s\", \"asOf\": \"2025-01-01T00:00:00Z\", \"balances\": {\"BTC\": \"0.4\"}}",
        BalanceReportRequest.class).field());
  }

  @Test
  void overLongNumbersAndTextsAreRefusedNamingTheField() {
    FieldError number = refusal(row("").replace("\"quantity\": 1", "\"quantity\": " + "9".repeat(999)), TransactionBatchRequest.class);
    assertEquals("transactions[0].quantity", number.field());
    assertTrue(number.message().contains("number of more than"), number.message());
    FieldError text = refusal(row("").replace("\"source\": \"s\"", "\"source\": \"" + "s".repeat(200_000) + "\""), TransactionBatchRequest.class);
    assertEquals("transactions[0].source", text.field());
    // a short exponent is a short number: its digits are InputLimits' to refuse, after reading
    assertEquals(0, new BigDecimal("1e1000").compareTo(
        json.read(row("").replace("\"quantity\": 1", "\"quantity\": 1e1000"), TransactionBatchRequest.class).transactions().get(0).quantity()));
  }

  @Test
  void theBodyMustBeOneJsonObjectWithKnownFieldsEachOnce() {
    assertEquals("body", refusal("null", TransactionBatchRequest.class).field());
    assertEquals("body", refusal("", TransactionBatchRequest.class).field());
    assertEquals("body", refusal("[]", TransactionBatchRequest.class).field());
    assertEquals("body", refusal("{\"transactions\": []} {}", TransactionBatchRequest.class).field());
    assertEquals("body", refusal("{not json", TransactionBatchRequest.class).field());
    FieldError unknown = refusal(row(", \"quantitty\": 2"), TransactionBatchRequest.class);
    assertEquals("transactions[0].quantitty", unknown.field());
    assertTrue(unknown.message().contains("quantity"), "lists the fields it knows: " + unknown.message());
    FieldError twice = refusal(row(", \"note\": \"a\", \"note\": \"b\""), TransactionBatchRequest.class);
    assertEquals("transactions[0].note", twice.field());
    assertTrue(twice.message().contains("twice"), twice.message());
  }
}
