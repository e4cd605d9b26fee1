package dev.ballast.api.http.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.analytics.account.AccountMetrics;
import dev.ballast.engine.model.CostMethod;
import dev.ballast.engine.analytics.account.LedgerEntry;
import dev.ballast.engine.analytics.account.Window;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Transaction;
import dev.ballast.persistence.query.AccountRow;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.TransactionRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/accounts/{id}/metrics?from=DATE&to=DATE&price=ASSET:PRICE...&method=fifo|average|total-average}:
 * realized and unrealized P&L (FIFO by default, or at the moving average cost), fees, taxes, income and trade statistics of one account, computed from the read
 * side's transactions replayed through the pure ledger (docs/metrics.md#account-metrics).
 */
public final class MetricsRoutes extends RouteSupport {
  private final BallastQueries queries;

  public MetricsRoutes(ApiContext context, BallastQueries queries) {
    super(context);
    this.queries = queries;
  }

  public Route route(AccountId id) {
    return path("metrics", () -> get(() -> parameterOptional("from", from -> parameterOptional("to", to ->
        parameterList("price", prices -> parameterOptional("method", method -> metrics(id, from, to, prices, method)))))));
  }

  private Route metrics(
      AccountId id, Optional<String> fromText, Optional<String> toText, List<String> priceTexts, Optional<String> methodText) {
    List<FieldError> errors = new ArrayList<>();
    CostMethod method = null; // the account's own unless the request names one
    if (methodText.isPresent()) {
      try {
        method = CostMethod.parse(methodText.get());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(0, "method", e.getMessage().substring("method: ".length())));
      }
    }
    LocalDate from = date("from", fromText, errors);
    LocalDate to = date("to", toText, errors);
    Map<AssetId, BigDecimal> prices = prices(priceTexts, errors);
    if (errors.isEmpty() && from != null && to != null && to.isBefore(from)) {
      errors.add(new FieldError(0, "to", to + " is before from " + from));
    }
    if (!errors.isEmpty()) {
      return complete(problem(Problem.badRequest("the metrics request is not valid", errors)));
    }
    Window window = Window.days(from, to);
    CostMethod chosen = method;
    return completeBlocking(() -> compute(id, window, prices, chosen));
  }

  private HttpResponse compute(AccountId id, Window window, Map<AssetId, BigDecimal> prices, CostMethod method) {
    Optional<AccountRow> account = queries.account(id.value());
    if (account.isEmpty()) {
      return problem(Problem.notFound("no account " + id));
    }
    List<LedgerEntry> ledger = new ArrayList<>();
    for (TransactionRow row : queries.ledger(id.value())) {
      ledger.add(new LedgerEntry(row.transactionId(), transaction(row)));
    }
    AccountMetrics metrics;
    try {
      CostMethod chosen = method != null ? method : CostMethod.valueOf(account.get().costMethod());
      metrics = AccountMetrics.of(AssetId.of(account.get().currency()), account.get().allowShort(), ledger, window, prices, chosen);
    } catch (IllegalArgumentException e) {
      String field = e.getMessage().startsWith("price") ? "price" : "to";
      return problem(Problem.invalid(e.getMessage(), List.of(new FieldError(0, field, e.getMessage()))));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("account_id", id.value());
    body.putAll(metrics.metrics());
    return json(200, body);
  }

  private Transaction transaction(TransactionRow row) {
    try {
      return context.json().readValue(row.transaction(), Transaction.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("transaction " + row.transactionId() + " on the read side does not read back", e);
    }
  }

  private static LocalDate date(String field, Optional<String> text, List<FieldError> errors) {
    if (text.isEmpty() || text.get().isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.get().trim());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(0, field, "not an ISO date (yyyy-mm-dd): " + text.get()));
      return null;
    }
  }

  /** {@code ASSET:PRICE}, the price per unit in the account currency; the last colon splits (ids may hold one). */
  private static Map<AssetId, BigDecimal> prices(List<String> texts, List<FieldError> errors) {
    Map<AssetId, BigDecimal> prices = new LinkedHashMap<>();
    for (String text : texts) {
      int colon = text.lastIndexOf(':');
      try {
        if (colon <= 0) {
          throw new IllegalArgumentException("expected ASSET:PRICE such as BTC:15000000");
        }
        AssetId asset = AssetId.of(text.substring(0, colon));
        BigDecimal price = new BigDecimal(text.substring(colon + 1).trim());
        if (price.signum() < 0) {
          throw new IllegalArgumentException("must be zero or more");
        }
        if (prices.put(asset, price) != null) {
          throw new IllegalArgumentException(asset + " is priced twice");
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError(0, "price", text + ": not a number after the colon"));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(0, "price", text + ": " + e.getMessage()));
      }
    }
    return prices;
  }
}
