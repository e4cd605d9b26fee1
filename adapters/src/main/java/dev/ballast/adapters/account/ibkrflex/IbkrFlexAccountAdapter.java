package dev.ballast.adapters.account.ibkrflex;

import dev.ballast.adapters.account.VenueThrottle;
import dev.ballast.engine.account.sync.AccountAdapter;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.statement.StatementBalance;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementRow;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementSink;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.w3c.dom.Document;

/**
 * An Interactive Brokers account through the Flex Web Service: {@code SendRequest} with the Flex
 * token and the query id answers a reference code, {@code GetStatement} with that code answers
 * the statement once IBKR has made it (polled while it answers "generation in progress"). The
 * statement, in either of the query's formats (XML, IBKR's default, or CSV with column headers),
 * is read by the Flex CSV importer (XML through {@link IbkrFlexXml}), handed in as the engine's
 * {@code StatementImporter} port so an account adapter does not reach into a format's package; so
 * a Flex file imported by hand and the same rows synced are one set of transactions. A query
 * covers the period it is set to (e.g. the last 365 days): each sync reads the whole of it and the
 * ledger acknowledges what it has. Balances come from an XML statement's open positions and cash
 * report; a CSV statement reports none.
 */
public final class IbkrFlexAccountAdapter implements AccountAdapter {
  public static final String KIND = "ibkr-flex";
  public static final String DEFAULT_URL = "https://ndcdyn.interactivebrokers.com/AccountManagement/FlexWebService/";
  /** IBKR refuses a token asked too often (1018): one request a second per token, ten a minute at most. */
  public static final VenueThrottle.Limit PUBLISHED_LIMIT = new VenueThrottle.Limit(1, Duration.ofSeconds(6));
  /** "Statement generation in progress" and the like: ask again after the poll interval. */
  static final Set<String> NOT_READY = Set.of("1019", "1001", "1004", "1005", "1006", "1007", "1008", "1009", "1021");
  static final Set<String> TOO_OFTEN = Set.of("1018");
  /** Token expired (1012), invalid (1015), IP not allowed (1013): the credentials. */
  static final Set<String> CREDENTIALS = Set.of("1010", "1011", "1012", "1013", "1015", "1016");

  private final HttpClient http;
  private final URI base;
  private final String token;
  private final String queryId;
  /** The Flex CSV importer the statements are read with (the IBKR Flex format, in the account's zone). */
  private final StatementImporter flexCsv;
  private final Duration pollInterval;
  private final int maxPolls;
  private final VenueThrottle throttle;
  /** Rows of one page at most: the ledger's batch ({@link dev.ballast.engine.model.InputLimits#MAX_BATCH_ROWS}); smaller in tests. */
  private final int batchLimit;
  /** The statement text this sync read: the pages after a cut continue it. */
  private volatile String lastStatement;
  /** The statement this sync read: the balances come from the same one (one adapter per sync). */
  private volatile IbkrFlexXml.Statement lastXml;

  public IbkrFlexAccountAdapter(HttpClient http, URI base, String token, String queryId, StatementImporter flexCsv, Duration pollInterval, int maxPolls,
      VenueThrottle throttle) {
    this(http, base, token, queryId, flexCsv, pollInterval, maxPolls, throttle, dev.ballast.engine.model.InputLimits.MAX_BATCH_ROWS);
  }

  IbkrFlexAccountAdapter(HttpClient http, URI base, String token, String queryId, StatementImporter flexCsv, Duration pollInterval, int maxPolls,
      VenueThrottle throttle, int batchLimit) {
    if (batchLimit < 1 || batchLimit > dev.ballast.engine.model.InputLimits.MAX_BATCH_ROWS) {
      throw new IllegalArgumentException("a page holds 1 to " + dev.ballast.engine.model.InputLimits.MAX_BATCH_ROWS + " rows");
    }
    this.batchLimit = batchLimit;
    if (queryId == null || !queryId.matches("[0-9]{1,20}")) {
      throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed("queryId: the Flex query's number"));
    }
    this.http = http;
    this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    this.token = token;
    this.queryId = queryId;
    this.flexCsv = flexCsv;
    this.pollInterval = pollInterval;
    this.maxPolls = maxPolls;
    this.throttle = throttle;
  }

  @Override
  public String venue() {
    return KIND;
  }

  @Override
  public CompletionStage<List<Balance>> balances() {
    IbkrFlexXml.Statement read = lastXml;
    return CompletableFuture.completedFuture(read == null ? List.of() : read.balances());
  }

  /** An XML statement lists every open position and cash balance; a CSV one lists none (nothing is compared). */
  @Override
  public boolean listsEveryHolding() {
    return lastXml != null;
  }

  /** Short positions, margin loans and other asset classes: held, but never in the balances. */
  @Override
  public Set<AssetId> neverListed() {
    IbkrFlexXml.Statement read = lastXml;
    return read == null ? Set.of() : read.unlisted();
  }

  /** What the last XML statement held that the balances leave out (short positions, margin loans, other asset classes). */
  public List<String> notReported() {
    IbkrFlexXml.Statement read = lastXml;
    return read == null ? List.of() : read.notReported();
  }

  @Override
  public CompletionStage<HistoryPage> transactionsSince(SyncCursor cursor) {
    Position after;
    try {
      after = Position.parse(cursor);
    } catch (AccountAdapterException e) {
      return CompletableFuture.failedFuture(e);
    }
    // the pages after a cut continue the statement this sync read (a new one could be another period)
    String read = lastStatement;
    CompletableFuture<String> text = after != null && read != null ? CompletableFuture.completedFuture(read) : statement();
    return text.thenApply(statement -> {
      lastStatement = statement;
      return page(cursor, after, statement);
    });
  }

  /**
   * Where a page the ledger's batch cut ended: {@code TIME|ID,ID} (the time of its last row and the
   * transaction ids of that time handed on). A plain time (the newest transaction, shown in the
   * status) reads the statement's whole period again.
   */
  record Position(Instant time, Set<String> ids) {
    static Position parse(SyncCursor cursor) {
      int bar = cursor.value().indexOf('|');
      if (bar < 0) {
        return null;
      }
      try {
        return new Position(Instant.parse(cursor.value().substring(0, bar)), Set.of(cursor.value().substring(bar + 1).split(",")));
      } catch (RuntimeException e) {
        throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed("not an IBKR Flex cursor: " + cursor));
      }
    }

    boolean covers(Transaction t) {
      return t.timestamp().isBefore(time) || t.timestamp().equals(time) && ids.contains(t.externalId());
    }
  }

  /** SendRequest, then GetStatement with its reference code: the statement's text. */
  CompletableFuture<String> statement() {
    return get("SendRequest", "t=" + enc(token) + "&q=" + queryId + "&v=3").thenCompose(body -> {
      Document xml = IbkrFlexXml.parse(body).orElseThrow(() -> fail(new AccountAdapterError.Malformed("SendRequest answered no XML")));
      String status = text(xml, "Status");
      if (!"Success".equalsIgnoreCase(status)) {
        throw fail(error(text(xml, "ErrorCode"), text(xml, "ErrorMessage")));
      }
      String reference = text(xml, "ReferenceCode");
      if (reference.isEmpty() || !reference.matches("[0-9A-Za-z]{1,40}")) {
        throw fail(new AccountAdapterError.Malformed("SendRequest answered no reference code"));
      }
      return statement(reference, 1);
    });
  }

  /** GetStatement until the statement is made; each wait is the poll interval, each try one request through the throttle. */
  private CompletableFuture<String> statement(String reference, int attempt) {
    return get("GetStatement", "t=" + enc(token) + "&q=" + reference + "&v=3").thenCompose(body -> {
      Optional<Document> xml = body.stripLeading().startsWith("<FlexStatementResponse") ? IbkrFlexXml.parse(body) : Optional.empty();
      if (xml.isEmpty()) {
        return CompletableFuture.completedFuture(body);
      }
      String code = text(xml.get(), "ErrorCode");
      if (NOT_READY.contains(code) && attempt < maxPolls) {
        Duration wait = pollInterval.multipliedBy(Math.min(attempt, 6));
        return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS))
            .thenCompose(v -> statement(reference, attempt + 1));
      }
      throw fail(NOT_READY.contains(code) ? new AccountAdapterError.Unavailable("IBKR Flex statement not made after " + attempt + " tries")
          : error(code, text(xml.get(), "ErrorMessage")));
    });
  }

  private HistoryPage page(SyncCursor cursor, Position after, String statement) {
    String csv = statement;
    IbkrFlexXml.Statement xml = null;
    if (IbkrFlexXml.isFlexQueryResponse(statement)) {
      try {
        xml = IbkrFlexXml.read(statement);
      } catch (IllegalArgumentException e) {
        throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed("Flex statement: " + e.getMessage()));
      }
      csv = xml.csv();
    } else if (statement.stripLeading().startsWith("<")) {
      throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed(
          "GetStatement answered XML that is not a Flex query's statement (FlexQueryResponse)"));
    }
    List<Transaction> rows = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    IbkrFlexXml.Statement origin = xml;
    flexCsv.read("flex statement", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), new StatementSink() {
      @Override
      public void row(StatementRow row) {
        rows.add(row.transaction());
      }

      @Override
      public void balance(StatementBalance balance) {
        // the Flex importer reads trades and cash transactions; holdings come from the XML
      }

      @Override
      public void error(StatementError error) {
        // an XML statement's errors name the element, not the line of the CSV made from it
        refused.add(origin != null && error instanceof StatementError.InvalidRow row
            ? origin.origin(row.line()) + ": " + row.field() + " " + row.reason() : error.message());
      }
    });
    if (!refused.isEmpty()) {
      throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed("Flex statement " + refused.get(0)
          + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more)" : "")));
    }
    lastXml = xml;
    rows.sort(Comparator.comparing(Transaction::timestamp).thenComparing(Transaction::externalId));
    List<Transaction> fresh = after == null ? rows : rows.stream().filter(t -> !after.covers(t)).toList();
    if (fresh.size() > batchLimit) {
      // more than the ledger takes in one batch: the oldest, and the next page resumes right after the last of them
      List<Transaction> handed = fresh.subList(0, batchLimit);
      Instant last = handed.get(handed.size() - 1).timestamp();
      Set<String> ids = new java.util.TreeSet<>();
      handed.stream().filter(t -> t.timestamp().equals(last)).forEach(t -> ids.add(t.externalId()));
      if (after != null && after.time().equals(last)) {
        ids.addAll(after.ids());
      }
      return new HistoryPage(handed, new SyncCursor(last + "|" + String.join(",", ids)), true);
    }
    SyncCursor next = rows.isEmpty() ? (after == null ? cursor : new SyncCursor(after.time().toString()))
        : new SyncCursor(rows.get(rows.size() - 1).timestamp().toString());
    return new HistoryPage(fresh, next, false);
  }

  /** Flex error codes as the sync actor's kinds; the message is IBKR's, never the token. */
  static AccountAdapterError error(String code, String message) {
    String detail = "IBKR Flex " + (code.isEmpty() ? "" : code + " ") + (message.length() > 160 ? message.substring(0, 160) : message);
    if (TOO_OFTEN.contains(code)) {
      return new AccountAdapterError.RateLimited(null);
    }
    if (CREDENTIALS.contains(code)) {
      return new AccountAdapterError.AuthenticationFailed(detail);
    }
    if (NOT_READY.contains(code) || code.equals("1003")) {
      return new AccountAdapterError.Unavailable(detail);
    }
    return new AccountAdapterError.Malformed(detail);
  }

  private CompletableFuture<String> get(String method, String query) {
    URI uri = base.resolve(method + "?" + query);
    // IBKR refuses requests without a User-Agent
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("User-Agent", "Ballast/1 (Java HttpClient)").GET().build();
    return throttle.call(1, () -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).handle((response, failure) -> {
      if (failure != null) {
        throw fail(new AccountAdapterError.Unavailable(failure.getClass().getSimpleName()));
      }
      int status = response.statusCode();
      if (status == 429) {
        throw fail(new AccountAdapterError.RateLimited(null));
      }
      if (status == 401 || status == 403) {
        throw fail(new AccountAdapterError.AuthenticationFailed("IBKR Flex HTTP " + status));
      }
      if (status >= 500) {
        throw fail(new AccountAdapterError.Unavailable("IBKR Flex HTTP " + status));
      }
      if (status != 200) {
        throw fail(new AccountAdapterError.Malformed("IBKR Flex HTTP " + status));
      }
      return response.body();
    }));
  }

  private static String text(Document xml, String tag) {
    var nodes = xml.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static CompletionException fail(AccountAdapterError error) {
    return new CompletionException(new AccountAdapterException(KIND, error));
  }

  @Override
  public String toString() {
    // the token is in every request's query: never in a string of this adapter
    return "IbkrFlexAccountAdapter[" + base + ", query " + queryId + "]";
  }
}
