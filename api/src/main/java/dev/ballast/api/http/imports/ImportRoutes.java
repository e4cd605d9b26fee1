package dev.ballast.api.http.imports;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import dev.ballast.engine.model.FieldError;
import dev.ballast.persistence.query.BallastQueries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.FileIO;

/**
 * {@code POST /api/accounts/{id}/imports}: a statement file as the body, the options as query
 * parameters ({@link ImportRequest}), the {@link ImportResponse} report as the answer; and
 * {@code GET /api/imports/formats}. The upload is spooled to a file (never held in memory) and read
 * from there, twice when it is recorded.
 */
public final class ImportRoutes extends RouteSupport {
  private final ImportSettings settings;
  private final ImportRun run;

  public ImportRoutes(ApiContext context, BallastQueries queries, ImportSettings settings) {
    super(context);
    this.settings = settings;
    this.run = new ImportRun(context.sharding(), queries, settings, context.askTimeout(), context.json());
  }

  /** {@code /api/imports/...}. */
  public Route collection() {
    return path("formats", () -> get(() -> complete(json(200, settings.formats().all().stream()
        .map(i -> new FormatResponse(i.format().name(), i.format().expects())).toList()))));
  }

  /** {@code /api/accounts/{id}/imports} and {@code .../reconciliation}. */
  public Route route(AccountId id) {
    return concat(upload(id), path("reconciliation", () -> get(() -> completeWithFuture(
        context.sharding().entityRefFor(AccountLedger.ENTITY_KEY, id.value())
            .<AccountLedger.State>ask(AccountLedger.Get::new, context.askTimeout())
            .thenApply(state -> state instanceof AccountLedger.OpenAccount open
                ? json(200, reconciliation(id, open))
                : problem(Problem.notFound("no account " + id)))))));
  }

  /** Ledger against the last reported holdings: every asset either names, the ledger's cash included. */
  static ReconciliationResponse reconciliation(AccountId id, AccountLedger.OpenAccount account) {
    java.util.Set<AssetId> assets = new java.util.TreeSet<>(account.lastReported().keySet());
    account.book().cash().forEach((asset, q) -> {
      if (q.signum() != 0) {
        assets.add(asset);
      }
    });
    account.book().positions().forEach((asset, p) -> {
      if (account.book().quantity(asset).signum() != 0) {
        assets.add(asset);
      }
    });
    List<ReconciliationResponse.Line> lines = new ArrayList<>();
    boolean balanced = true;
    for (AssetId asset : assets) {
      BigDecimal ledger = account.book().quantity(asset);
      BigDecimal statement = account.lastReported().get(asset);
      BigDecimal difference = statement == null ? null : statement.subtract(ledger);
      balanced &= difference != null && difference.signum() == 0;
      lines.add(new ReconciliationResponse.Line(asset.value(), ledger, statement, difference));
    }
    return new ReconciliationResponse(id.value(), new java.util.TreeMap<>(account.reportedAsOf()), lines, balanced && !account.reportedAsOf().isEmpty());
  }

  /** How long an upload may take to be answered. */
  static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofMinutes(30);

  private Route upload(AccountId id) {
    return path("imports", () -> post(() -> parameterMultiMap(query -> {
      List<FieldError> errors = new ArrayList<>();
      ImportRequest request = ImportRequest.of(query, errors);
      if (!errors.isEmpty()) {
        return complete(problem(Problem.badRequest("the import options are wrong", errors)));
      }
      // a large file answers when its rows are recorded (two passes and one atomic write per account), long after the
      // server's default 20 s; the CLI waits an hour
      return withRequestTimeout(REQUEST_TIMEOUT, () -> withSizeLimit(settings.maxFileBytes(), () -> extractRequestEntity(entity -> extractMaterializer(materializer -> {
        Path spooled = spoolFile();
        CompletionStage<HttpResponse> answer = entity.getDataBytes().runWith(FileIO.toPath(spooled), materializer)
            .thenCompose(io -> blocking(() -> answer(id, request, spooled)))
            .whenComplete((r, e) -> delete(spooled));
        return completeWithFuture(answer);
      }))));
    })));
  }

  private HttpResponse answer(AccountId id, ImportRequest request, Path spooled) {
    try {
      ImportResponse report = run.run(id, request, spooled);
      int status = switch (report.outcome()) {
        case ImportResponse.REFUSED, ImportResponse.PARTLY_RECORDED -> 400;
        case ImportResponse.RECORDED -> report.accounts().stream().anyMatch(a -> a.recorded() > 0) ? 201 : 200;
        default -> 200;
      };
      return json(status, report);
    } catch (ImportRun.Refusal r) {
      return problem(r.status == 404 ? Problem.notFound(r.getMessage()) : Problem.invalid(r.getMessage(), r.errors));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path spoolFile() {
    try {
      Files.createDirectories(settings.spoolDir());
      return Files.createTempFile(settings.spoolDir(), "ballast-import-", ".upload");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spool the upload in " + settings.spoolDir(), e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temp file left behind is the OS's to clean; the import's answer does not depend on it
    }
  }

  /** One format: its name for {@code format=} and what it expects. */
  public record FormatResponse(String name, String expects) {}
}
