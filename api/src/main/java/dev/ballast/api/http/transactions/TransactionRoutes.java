package dev.ballast.api.http.transactions;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Fields;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.Transaction;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.Page;
import dev.ballast.persistence.query.TransactionRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/accounts/{id}/transactions} (record a batch, list them) and {@code .../balances}
 * (compare what a venue reports): every row is held to {@link InputLimits} before the ledger sees it.
 */
public final class TransactionRoutes extends RouteSupport {
  static final int MAX_PAGE = 1000;
  private final BallastQueries queries;

  public TransactionRoutes(ApiContext context, BallastQueries queries) {
    super(context);
    this.queries = queries;
  }

  public Route route(AccountId id) {
    return concat(
        path("transactions", () -> concat(
            get(() -> parameterOptional("offset", offset -> parameterOptional("limit", limit -> parameterOptional("from", from ->
                parameterOptional("to", to -> list(id, offset, limit, from, to)))))),
            post(() -> body(TransactionBatchRequest.class, b -> record(id, b))))),
        path("balances", () -> post(() -> body(BalanceReportRequest.class, b -> reportBalances(id, b)))));
  }

  private Route record(AccountId id, TransactionBatchRequest batch) {
    if (batch.transactions() == null) {
      return refused(List.of(new FieldError(0, "transactions", "is required")));
    }
    List<FieldError> errors = new ArrayList<>();
    List<Transaction> rows = new ArrayList<>();
    for (int i = 0; i < batch.transactions().size(); i++) {
      TransactionRequest request = batch.transactions().get(i);
      rows.add(request == null ? null : request.toTransaction(i + 1, errors));
    }
    errors.addAll(InputLimits.batch(rows));
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparingInt(FieldError::row));
      return complete(problem(Problem.invalid("nothing was recorded: " + errors.size() + " problem(s) in the batch", errors)));
    }
    return completeWithFuture(context.sharding().entityRefFor(AccountLedger.ENTITY_KEY, id.value())
        .<AccountLedger.BatchResult>ask(r -> new AccountLedger.RecordTransactions(List.copyOf(rows), r), context.askTimeout())
        .thenApply(result -> {
          if (result instanceof AccountLedger.Recorded recorded) {
            return json(recorded.transactionIds().isEmpty() ? 200 : 201, RecordedResponse.of(recorded));
          }
          CommandError error = ((AccountLedger.Refused) result).error();
          return refusal(error instanceof CommandError.Invalid invalid
              ? new CommandError.Invalid("nothing was recorded: " + invalid.errors().size() + " problem(s) in the batch", invalid.errors())
              : error);
        }));
  }

  private Route reportBalances(AccountId id, BalanceReportRequest report) {
    List<FieldError> errors = new ArrayList<>();
    Fields.require(0, "source", report.source(), errors);
    Fields.require(0, "asOf", report.asOf(), errors);
    Map<AssetId, BigDecimal> balances = new TreeMap<>();
    if (Fields.require(0, "balances", report.balances(), errors)) {
      report.balances().forEach((asset, quantity) -> {
        AssetId parsed = Fields.parse(0, "balances." + asset, asset, AssetId::of, errors);
        if (Fields.require(0, "balances." + asset, quantity, errors) && parsed != null && balances.put(parsed, quantity) != null) {
          errors.add(new FieldError(0, "balances." + asset, "names " + parsed + " a second time"));
        }
      });
    }
    errors.addAll(InputLimits.balanceReport(report.source(), report.asOf(), balances));
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    return completeWithFuture(context.sharding().entityRefFor(AccountLedger.ENTITY_KEY, id.value())
        .<AccountLedger.BalanceResult>ask(r -> new AccountLedger.ReportBalances(report.source(), report.asOf(), balances, r),
            context.askTimeout())
        .thenApply(result -> result instanceof AccountLedger.BalanceCheck check
            ? json(200, BalanceCheckResponse.of(id, report.source(), report.asOf(), check))
            : refusal(((AccountLedger.Refused) result).error())));
  }

  private Route list(AccountId id, Optional<String> offsetText, Optional<String> limitText, Optional<String> fromText,
      Optional<String> toText) {
    long offset;
    int limit;
    try {
      offset = offsetText.map(Long::parseLong).orElse(0L);
    } catch (NumberFormatException e) {
      return complete(problem(Problem.badRequest("offset is a whole number", List.of(new FieldError(0, "offset", "is not a whole number")))));
    }
    try {
      limit = limitText.map(Integer::parseInt).orElse(100);
    } catch (NumberFormatException e) {
      return complete(problem(Problem.badRequest("limit is a whole number", List.of(new FieldError(0, "limit", "is not a whole number")))));
    }
    if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
      return complete(problem(Problem.badRequest("offset >= 0 and 1 <= limit <= " + MAX_PAGE,
          List.of(new FieldError(0, offset < 0 ? "offset" : "limit", "is out of range")))));
    }
    // from (inclusive) and to (exclusive) on the trade time, as the trading lists read them
    List<FieldError> rangeErrors = new ArrayList<>();
    dev.ballast.api.http.orders.ListParams range = dev.ballast.api.http.orders.ListParams.parse(Optional.empty(), Optional.empty(), fromText,
        toText, rangeErrors);
    if (!rangeErrors.isEmpty()) {
      return refused(rangeErrors);
    }
    long start = offset;
    int size = limit;
    return completeBlocking(() -> queries.account(id.value()).isEmpty()
        ? problem(Problem.notFound("no account " + id))
        : json(200, page(queries.transactions(id.value(), range.from(), range.to(), start, size))));
  }

  private TransactionPageResponse page(Page<TransactionRow> page) {
    return new TransactionPageResponse(page.items().stream()
        .map(row -> new TransactionPageResponse.Item(row.transactionId(), row.accountId(), row.seq(), TransactionResponse.of(transaction(row))))
        .toList(), page.offset(), page.limit(), page.total());
  }

  /** A transaction as the read side keeps it. */
  public Transaction transaction(TransactionRow row) {
    try {
      return context.json().readValue(row.transaction(), Transaction.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("transaction " + row.transactionId() + " on the read side does not read back", e);
    }
  }
}
