package dev.ballast.api.http.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ballast.adapters.report.ExportFormat;
import dev.ballast.adapters.report.ExportWriter;
import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.api.http.valuation.Histories;
import dev.ballast.engine.analytics.account.LedgerEntry;
import dev.ballast.engine.analytics.report.ReportSettings;
import dev.ballast.engine.analytics.report.SeriesReport;
import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.DatedRates;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.report.ExportTables;
import dev.ballast.engine.report.FillSource;
import dev.ballast.engine.report.RealizedGains;
import dev.ballast.engine.report.ReportTable;
import dev.ballast.engine.report.Slippage;
import dev.ballast.engine.report.TaxYearGains;
import dev.ballast.persistence.query.AccountRow;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.PortfolioRow;
import dev.ballast.persistence.query.PositionRow;
import dev.ballast.persistence.query.TransactionRow;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.ContentDisposition;
import org.apache.pekko.http.javadsl.model.headers.ContentDispositionTypes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/reports/realized} (realized gains of a tax year as JSON) and
 * {@code GET /api/exports/{kind}} (transactions, positions, history, metrics, realized, orders, decisions as
 * a CSV or Excel download) for a portfolio or an account (docs/reports.md).
 */
public final class ReportRoutes extends RouteSupport {
  /** How old an FX rate may be and still serve a trade date: as the valuation routes take it. */
  static final Period FX_MAX_AGE = Period.ofDays(7);

  private final BallastQueries queries;
  private final Histories histories;
  private final DatedRates storedRates;
  private final Optional<FillSource> fills;
  private final Clock clock;
  private final MonthlyReports monthly;
  private final dev.ballast.persistence.report.ReportQueries reports;

  public ReportRoutes(ApiContext context, BallastQueries queries, Histories histories, DatedRates storedRates,
      Optional<FillSource> fills, java.util.function.Function<AssetId, Optional<dev.ballast.engine.model.Asset>> assets, Clock clock,
      dev.ballast.persistence.report.ReportQueries reports) {
    super(context);
    this.reports = reports;
    this.monthly = new MonthlyReports(histories,
        account -> queries.ledger(account).stream().map(t -> new MonthlyReports.TradeIds(t.transactionId(), transaction(t))).toList(),
        assets, fills, ref -> context.sharding().entityRefFor(dev.ballast.engine.report.TradeAnnotations.ENTITY_KEY, ref.entityId())
            .ask(dev.ballast.engine.report.TradeAnnotations.Get::new, context.askTimeout()), context.askTimeout(), clock);
    this.queries = queries;
    this.histories = histories;
    this.storedRates = storedRates;
    this.fills = fills;
    this.clock = clock;
  }

  /** The monthly-report job: each portfolio's PDF of the previous month (in {@code zone}) into {@code dir}. */
  public MonthlyReportJob monthlyReportJob(java.nio.file.Path dir, java.time.ZoneId zone) {
    return new MonthlyReportJob(queries, monthly, dir, zone);
  }

  /** Under {@code /api/reports}. */
  public Route reports() {
    return concat(
        path("realized", () -> get(() -> parameterMap(this::realizedJson))),
        path("slippage", () -> get(() -> parameterMap(this::slippageJson))),
        path("monthly", () -> get(() -> parameterMap(this::monthlyPdf))));
  }

  /** Under {@code /api/exports}. */
  public Route exports() {
    return path(org.apache.pekko.http.javadsl.server.PathMatchers.segment(), kind -> get(() -> parameterMap(p -> export(kind, p))));
  }

  // ---- realized gains ---------------------------------------------------------------------

  private Route realizedJson(Map<String, String> p) {
    List<FieldError> errors = new ArrayList<>();
    int year = year(p, errors);
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    return completeBlocking(() -> {
      Object s = subject(p);
      if (!(s instanceof ReportSubject subject)) {
        return (HttpResponse) s;
      }
      return json(200, RealizedResponse.of(subject, realized(subject, year)));
    });
  }

  TaxYearGains realized(ReportSubject subject, int year) {
    List<RealizedGains.AccountLedger> ledgers = new ArrayList<>();
    for (String id : subject.accounts()) {
      Optional<AccountRow> row = queries.account(id);
      if (row.isEmpty()) {
        continue;
      }
      AccountRow a = row.get();
      List<LedgerEntry> ledger = ledgerOf(id);
      ledgers.add(new RealizedGains.AccountLedger(id, a.name(), AssetId.of(a.currency()),
          a.taxWrapper() == null ? null : TaxWrapper.valueOf(a.taxWrapper()), CostMethod.valueOf(a.costMethod()), ledger));
    }
    return new RealizedGains(new AsOfRates(storedRates, AssetId.of("USD"), FX_MAX_AGE)).year(year, ledgers);
  }

  /** An account's recorded transactions in ledger order, as the read side lists them. */
  private List<LedgerEntry> ledgerOf(String accountId) {
    List<LedgerEntry> ledger = new ArrayList<>();
    for (TransactionRow t : queries.ledger(accountId)) {
      ledger.add(new LedgerEntry(t.transactionId(), transaction(t)));
    }
    return ledger;
  }

  // ---- monthly report --------------------------------------------------------------------

  private Route monthlyPdf(Map<String, String> p) {
    List<FieldError> errors = new ArrayList<>();
    java.time.YearMonth month = null;
    String text = p.get("month");
    if (text == null || text.isBlank()) {
      errors.add(new FieldError(0, "month", "is required: yyyy-mm"));
    } else {
      try {
        month = java.time.YearMonth.parse(text.trim());
      } catch (DateTimeParseException e) {
        errors.add(new FieldError(0, "month", "expected yyyy-mm, got \"" + text + "\""));
      }
    }
    AssetId benchmark = null;
    if (p.get("benchmark") != null && !p.get("benchmark").isBlank()) {
      try {
        benchmark = AssetId.of(p.get("benchmark").trim());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(0, "benchmark", e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    java.time.YearMonth chosen = month;
    AssetId against = benchmark;
    return completeBlocking(() -> {
      Object s = subject(p);
      if (!(s instanceof ReportSubject subject)) {
        return (HttpResponse) s;
      }
      if (subject.portfolio() == null) {
        return problem(Problem.invalid("a monthly report is of a portfolio", List.of(new FieldError(0, "portfolio", "is required"))));
      }
      try {
        var report = monthly.of(subject, chosen, against);
        var out = new java.io.ByteArrayOutputStream();
        dev.ballast.adapters.report.MonthlyPdfWriter.withInstalledFont().write(report, out);
        return HttpResponse.create().withStatus(200).withEntity(ContentTypes.parse("application/pdf"), out.toByteArray())
            .addHeader(ContentDisposition.create(ContentDispositionTypes.ATTACHMENT,
                Map.of("filename", "monthly-" + subject.portfolio() + "-" + chosen + ".pdf")));
      } catch (Exception e) {
        throw new IllegalStateException("the monthly report of " + subject.portfolio() + " " + chosen + " failed", e);
      }
    });
  }

  // ---- slippage --------------------------------------------------------------------------

  private Route slippageJson(Map<String, String> p) {
    List<FieldError> errors = new ArrayList<>();
    LocalDate from = date("from", p.get("from"), errors);
    LocalDate to = date("to", p.get("to"), errors);
    double threshold = Slippage.DEFAULT_THRESHOLD_BPS;
    String text = p.get("threshold");
    if (text != null && !text.isBlank()) {
      try {
        threshold = Double.parseDouble(text.trim());
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
          errors.add(new FieldError(0, "threshold", "expected bps of zero or more, got " + text));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError(0, "threshold", "not a number: \"" + text + "\""));
      }
    }
    if (from != null && to != null && to.isBefore(from)) {
      errors.add(new FieldError(0, "to", to + " is before from " + from));
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    double chosen = threshold;
    return completeBlocking(() -> {
      Object s = subject(p);
      if (!(s instanceof ReportSubject subject)) {
        return (HttpResponse) s;
      }
      if (fills.isEmpty()) {
        return problem(Problem.unavailable("orders and fills are not available in this server: no fill source is configured"));
      }
      Instant start = from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant end = to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      Slippage report = Slippage.of(fills.get().fills(subject.accounts(), start, end), chosen);
      return json(200, SlippageResponse.of(subject, from, to, report));
    });
  }

  // ---- exports ----------------------------------------------------------------------------

  private Route export(String kind, Map<String, String> p) {
    List<FieldError> errors = new ArrayList<>();
    ExportFormat format = null;
    try {
      format = ExportFormat.parse(p.getOrDefault("format", "csv"), p.get("charset"));
    } catch (IllegalArgumentException e) {
      String field = e.getMessage().substring(0, e.getMessage().indexOf(':'));
      errors.add(new FieldError(0, field, e.getMessage().substring(field.length() + 2)));
    }
    LocalDate from = date("from", p.get("from"), errors);
    LocalDate to = date("to", p.get("to"), errors);
    if (from != null && to != null && to.isBefore(from)) {
      errors.add(new FieldError(0, "to", to + " is before from " + from));
    }
    int year = kind.equals("realized") ? year(p, errors) : 0;
    // a range the export cannot honour is refused, never silently ignored
    if (kind.equals("positions") && from != null) {
      errors.add(new FieldError(0, "from", "positions are as of a day: give to (the last day, included) alone"));
    }
    if (!kind.equals("realized") && p.get("year") != null) {
      errors.add(new FieldError(0, "year", "only the realized export is by tax year: give from and to instead"));
    }
    if (kind.equals("realized")) {
      for (String field : List.of("from", "to")) {
        if (p.get(field) != null) {
          errors.add(new FieldError(0, field, "the realized export is by tax year: give year instead"));
        }
      }
    }
    if (!Set.of("transactions", "positions", "history", "metrics", "realized", "orders", "order-list", "decisions").contains(kind)) {
      return complete(problem(Problem.notFound(
          "no export " + kind + ": transactions, positions, history, metrics, realized, orders, order-list or decisions")));
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    ExportFormat chosen = format;
    return completeBlocking(() -> {
      try {
        return exportResponse(kind, p, from, to, year, chosen);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("the " + kind + " export failed", e);
      }
    });
  }

  private HttpResponse exportResponse(String kind, Map<String, String> p, LocalDate from, LocalDate to, int year, ExportFormat chosen)
      throws Exception {
      Object s = subject(p);
      if (!(s instanceof ReportSubject subject)) {
        return (HttpResponse) s;
      }
      if (kind.equals("decisions") && subject.portfolio() == null) {
        return problem(Problem.invalid("decisions are a portfolio's", List.of(new FieldError(0, "portfolio", "is required"))));
      }
      // written to a file first, the rows streamed from the database to the writer: a refused cell
      // (CP932) is still a 400, and neither the ledger nor the file is ever held in memory
      java.nio.file.Path file = java.nio.file.Files.createTempFile("ballast-export-", "." + chosen.extension());
      boolean sent = false;
      try {
        Object refused;
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 1 << 16)) {
          refused = write(kind, subject, from, to, year, chosen, out);
        } catch (ExportWriter.UnwritableCellException e) {
          return problem(Problem.invalid(e.getMessage(), List.of(new FieldError(0, "charset", e.getMessage()))));
        }
        if (refused instanceof HttpResponse r) {
          return r;
        }
        String name = kind + "-" + (subject.portfolio() != null ? subject.portfolio() : subject.account()) + "." + chosen.extension();
        ContentType type = ContentTypes.parse(chosen.contentType());
        var source = org.apache.pekko.stream.javadsl.FileIO.fromPath(file, 1 << 16)
            .watchTermination((mat, done) -> done.whenComplete((ok, failed) -> deleteQuietly(file)));
        sent = true;
        return HttpResponse.create().withStatus(200)
            .withEntity(org.apache.pekko.http.javadsl.model.HttpEntities.create(type, java.nio.file.Files.size(file), source))
            .addHeader(ContentDisposition.create(ContentDispositionTypes.ATTACHMENT, Map.of("filename", name)));
      } finally {
        if (!sent) {
          deleteQuietly(file);
        }
      }
  }

  private static void deleteQuietly(java.nio.file.Path file) {
    try {
      java.nio.file.Files.deleteIfExists(file);
    } catch (java.io.IOException e) {
      // a temporary file left behind is removed with the system's temporary directory
    }
  }

  /**
   * Writes one export to {@code out}; the transactions and decisions are read from a database
   * cursor as they are written. Returns null, or the problem that refuses the export.
   */
  Object write(String kind, ReportSubject subject, LocalDate from, LocalDate to, int year, ExportFormat format,
      java.io.OutputStream out) throws Exception {
    Instant start = from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    if (kind.equals("transactions")) {
      return reports.transactions(subject.accounts(), start, end, rows -> {
        ExportWriter.write(ExportTables.transactions(ReportTable.mapped(rows,
            t -> new ExportTables.Recorded(t.accountId(), t.transactionId(), transaction(t)))), format, out);
        return null;
      });
    }
    if (kind.equals("decisions")) {
      return reports.decisions(subject.portfolio(), start, end, rows -> {
        ExportWriter.write(new ReportTable("decisions", DECISION_COLUMNS, ReportTable.mapped(rows, this::decisionRow)), format, out);
        return null;
      });
    }
    if (kind.equals("order-list")) {
      return reports.orders(subject.accounts(), start, end, rows -> {
        ExportWriter.write(new ReportTable("order-list", ORDER_COLUMNS, ReportTable.mapped(rows, ReportRoutes::orderRow)), format, out);
        return null;
      });
    }
    Object table = table(kind, subject, from, to, year);
    if (!(table instanceof ReportTable t)) {
      return table;
    }
    ExportWriter.write(t, format, out);
    return null;
  }

  public static final List<String> ORDER_COLUMNS = List.of(
      "account_id", "client_order_id", "portfolio_id", "decision_id", "venue", "instrument", "side", "type", "quantity", "limit_price",
      "intended_price", "price_currency", "status", "filled_quantity", "fill_count", "venue_order_id", "reason", "accepted_at",
      "updated_at");

  /** An order as it stands after its last event: filled, cancelled, rejected or still open. */
  private static List<Object> orderRow(dev.ballast.persistence.execution.OrderRow o) {
    return Arrays.asList(o.accountId(), o.clientOrderId(), o.portfolioId(), o.decisionId(), o.venue(), o.instrument(), o.side(), o.type(),
        o.quantity(), o.limitPrice(), o.intendedPrice(), o.priceCurrency(), o.status(), o.filledQuantity(), (long) o.fillCount(),
        o.venueOrderId(), o.reason(), o.acceptedAt(), o.updatedAt());
  }

  public static final List<String> DECISION_COLUMNS = List.of(
      "decision_id", "portfolio_id", "seq", "policy", "mode", "decided_at", "intent_count", "intents", "outside_band",
      "problem_count", "screened_at", "passed_count", "rejected_count", "delivered_at");

  /** A decision as a row; {@code intents} names each planned order as "SIDE QUANTITY INSTRUMENT ACCOUNT", joined by "; ". */
  private List<Object> decisionRow(dev.ballast.persistence.strategy.DecisionRow d) {
    return Arrays.asList(d.decisionId(), d.portfolioId(), d.seq(), d.policy(), d.mode(), d.decidedAt(), (long) d.intentCount(),
        intents(d), d.outsideBand(), (long) d.problemCount(), d.screenedAt(),
        d.passedCount() == null ? null : (long) d.passedCount(), d.rejectedCount() == null ? null : (long) d.rejectedCount(),
        d.deliveredAt());
  }

  private String intents(dev.ballast.persistence.strategy.DecisionRow d) {
    try {
      com.fasterxml.jackson.databind.JsonNode list = context.json().readTree(d.decidedJson()).path("plan").path("intents");
      List<String> out = new ArrayList<>();
      for (com.fasterxml.jackson.databind.JsonNode i : list) {
        out.add(String.join(" ", text(i.get("side")), text(i.get("quantity")), text(i.get("instrument")), text(i.get("account"))));
      }
      return out.isEmpty() ? null : String.join("; ", out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("decision " + d.decisionId() + " in trading_decisions is not JSON", e);
    }
  }

  /** A value node as its text, an object (a typed id) as its single value or its JSON. */
  private static String text(com.fasterxml.jackson.databind.JsonNode n) {
    if (n == null || n.isNull()) {
      return "";
    }
    if (n.isValueNode()) {
      return n.asText();
    }
    if (n.size() == 1 && n.elements().next().isValueNode()) {
      return n.elements().next().asText();
    }
    return n.toString();
  }

  /** The table of one export, or the problem that refuses it. */
  Object table(String kind, ReportSubject subject, LocalDate from, LocalDate to, int year) {
    return switch (kind) {
      case "positions" -> to == null ? positions(subject) : positionsAsOf(subject, to);
      case "realized" -> ExportTables.realized(realized(subject, year));
      case "history", "metrics" -> {
        List<ValueHistory.Ledger> ledgers = histories.ledgers(subject.accounts());
        LocalDate end = to != null ? to : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate start = from != null ? from : Histories.firstDay(ledgers).filter(d -> !d.isAfter(end)).orElse(end);
        long days = java.time.temporal.ChronoUnit.DAYS.between(start, end) + 1;
        if (days > InputLimits.HISTORY_DAYS) {
          yield problem(Problem.invalid("range too long", List.of(new FieldError(0, "from", "the range " + start + " to " + end
              + " is " + days + " days; at most " + InputLimits.HISTORY_DAYS))));
        }
        ValueHistory h = histories.history(ledgers, AssetId.of(subject.baseCurrency()), start, end, Set.of());
        if (kind.equals("history")) {
          yield ExportTables.history(h);
        }
        try {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put(subject.portfolio() != null ? "portfolio" : "account", subject.portfolio() != null ? subject.portfolio() : subject.account());
          body.put("currency", subject.baseCurrency());
          body.put("from", start.toString());
          body.put("to", end.toString());
          body.putAll(SeriesReport.of(h.valuations(), ReportSettings.defaults(365)).metrics());
          yield ExportTables.metrics(body);
        } catch (ValueHistory.IncompleteHistoryException e) {
          yield problem(Problem.conflict(e.getMessage()));
        }
      }
      case "orders" -> {
        if (fills.isEmpty()) {
          yield problem(Problem.unavailable("orders and fills are not available in this server: no fill source is configured"));
        }
        Instant start = from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        yield ExportTables.fills(fills.get().fills(subject.accounts(), start, end));
      }
      default -> problem(Problem.notFound("no export " + kind));
    };
  }

  public static final List<String> POSITION_COLUMNS = List.of(
      "account_id", "asset", "quantity", "cost", "cost_currency", "cost_in_account", "realized_in_account", "account_currency", "lots");

  private ReportTable positions(ReportSubject subject) {
    List<PositionRow> rows = subject.portfolio() != null
        ? queries.portfolioPositions(subject.portfolio()) : queries.positions(subject.account(), false);
    return positionTable(rows);
  }

  private ReportTable positionTable(List<PositionRow> rows) {
    Map<String, String> currencies = new LinkedHashMap<>();
    List<List<Object>> out = new ArrayList<>();
    for (PositionRow r : rows) {
      String currency = currencies.computeIfAbsent(r.accountId(), id -> queries.account(id).map(AccountRow::currency).orElse(null));
      out.add(Arrays.asList(r.accountId(), r.asset(), r.quantity(), r.cost(), r.costCurrency(), r.costInAccount(),
          r.realizedInAccount(), currency, (long) r.lots()));
    }
    return new ReportTable("positions", POSITION_COLUMNS, out);
  }

  /**
   * The positions at the end of {@code to} (UTC), each account's ledger up to then applied to an
   * empty book; in the read table's order (by asset, then account) with the same columns.
   */
  private ReportTable positionsAsOf(ReportSubject subject, LocalDate to) {
    Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<PositionRow> rows = new ArrayList<>();
    for (String id : subject.accounts()) {
      Optional<AccountRow> account = queries.account(id);
      if (account.isEmpty()) {
        continue;
      }
      List<LedgerEntry> ledger = ledgerOf(id);
      for (dev.ballast.engine.ledger.PositionSummary s
          : dev.ballast.engine.report.PositionsAsOf.of(AssetId.of(account.get().currency()), account.get().allowShort(), ledger, end)) {
        rows.add(new PositionRow(id, s.asset().value(), s.quantity(), s.costCurrency() == null ? null : s.costCurrency().value(),
            s.cost(), s.costInAccount(), s.realizedInAccount(), s.lots()));
      }
    }
    rows.sort(java.util.Comparator.comparing(PositionRow::asset).thenComparing(PositionRow::accountId));
    return positionTable(rows);
  }

  // ---- parameters -------------------------------------------------------------------------

  /** The portfolio or account the request names, or the problem that refuses it. */
  Object subject(Map<String, String> p) {
    String portfolio = blankToNull(p.get("portfolio"));
    String account = blankToNull(p.get("account"));
    if ((portfolio == null) == (account == null)) {
      return problem(Problem.invalid("name a portfolio or an account", List.of(
          new FieldError(0, portfolio == null ? "portfolio" : "account", "give exactly one of portfolio and account"))));
    }
    if (portfolio != null) {
      Optional<PortfolioRow> row = queries.portfolio(portfolio);
      if (row.isEmpty()) {
        return problem(Problem.notFound("no portfolio " + portfolio));
      }
      return new ReportSubject(portfolio, null, row.get().accounts(), row.get().baseCurrency(), row.get().name());
    }
    Optional<AccountRow> row = queries.account(account);
    if (row.isEmpty()) {
      return problem(Problem.notFound("no account " + account));
    }
    return new ReportSubject(null, account, List.of(account), row.get().currency(), row.get().name());
  }

  private int year(Map<String, String> p, List<FieldError> errors) {
    String text = p.get("year");
    if (text == null || text.isBlank()) {
      return LocalDate.now(clock.withZone(RealizedGains.TAX_ZONE)).getYear();
    }
    try {
      int year = Integer.parseInt(text.trim());
      if (year < 1900 || year > 9999) {
        errors.add(new FieldError(0, "year", "expected a year from 1900 to 9999, got " + year));
      }
      return year;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(0, "year", "not a year: \"" + text + "\""));
      return 0;
    }
  }

  private static LocalDate date(String field, String text, List<FieldError> errors) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(0, field, "expected a date yyyy-mm-dd, got \"" + text + "\""));
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private Transaction transaction(TransactionRow row) {
    try {
      return context.json().readValue(row.transaction(), Transaction.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("transaction " + row.transactionId() + " on the read side does not read back", e);
    }
  }

  static BigDecimal amount(dev.ballast.engine.model.Money m) {
    return m == null ? null : m.amount();
  }
}
