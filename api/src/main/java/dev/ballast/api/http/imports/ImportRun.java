package dev.ballast.api.http.imports;

import dev.ballast.adapters.statement.StatementFormats;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.ledger.TransactionValidator;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.engine.statement.AccountRouting;
import dev.ballast.engine.statement.ImportTally;
import dev.ballast.engine.statement.StatementBalance;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.PositionRow;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * One import of a spooled file, run on a blocking thread: the file is read once to check every row
 * and build the report, and, when it is clean (or the caller skips invalid rows) and not a dry run,
 * read again to record each account's rows as one batch (several of {@code MAX_BATCH_ROWS} for a
 * larger file), creating the account of another tax wrapper on first use. Reading twice keeps
 * memory flat whatever the file's size.
 */
final class ImportRun {
  /** Why an import cannot start: a 404 or a 400 naming the field. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final transient List<FieldError> errors;

    Refusal(int status, String message, List<FieldError> errors) {
      super(message);
      this.status = status;
      this.errors = List.copyOf(errors);
    }
  }

  private final ClusterSharding sharding;
  private final BallastQueries queries;
  private final ImportSettings settings;
  private final Duration askTimeout;

  /** How many deposits and withdrawals of one file are looked at for transfers. */
  static final int MAX_TRANSFER_CANDIDATES = 10_000;

  private final com.fasterxml.jackson.databind.ObjectMapper json;

  ImportRun(ClusterSharding sharding, BallastQueries queries, ImportSettings settings, Duration askTimeout,
      com.fasterxml.jackson.databind.ObjectMapper json) {
    this.json = json;
    this.sharding = sharding;
    this.queries = queries;
    this.settings = settings;
    this.askTimeout = askTimeout;
  }

  /** The importer a request names, or the one that recognises the file. */
  StatementImporter importer(ImportRequest request, Path file) throws Refusal, IOException {
    StatementFormats formats = settings.formats();
    if (!request.format().equals(ImportRequest.AUTO)) {
      return formats.named(request.format()).orElseThrow(() -> new Refusal(400, "unknown format " + request.format(),
          List.of(new FieldError(0, "format", "unknown format \"" + request.format() + "\"; the formats are auto, "
              + String.join(", ", formats.all().stream().map(i -> i.format().name()).toList())))));
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(StatementImporter.HEAD_BYTES);
    }
    StatementFormats.Detection detection = formats.detect(head);
    if (detection instanceof StatementFormats.Detection.Found found) {
      return found.importer();
    }
    StatementFormats.Detection.NotRecognised none = (StatementFormats.Detection.NotRecognised) detection;
    return throwNotRecognised(none);
  }

  private static StatementImporter throwNotRecognised(StatementFormats.Detection.NotRecognised none) throws Refusal {
    throw new Refusal(400, "no format recognises the file (" + none.tried().size() + " tried); name one with format=",
        none.tried().stream().map(f -> new FieldError(0, "format", f.name() + " expects " + f.expects())).toList());
  }

  ImportResponse run(AccountId id, ImportRequest request, Path file) throws Refusal, IOException {
    AccountSpec spec = summary(id);
    if (spec == null) {
      throw new Refusal(404, "no account " + id, List.of());
    }
    StatementImporter importer = importer(request, file);
    AccountRouting routing = new AccountRouting(id, spec.taxWrapper(), request.accountFor());
    TransactionValidator validator = new TransactionValidator(spec.currency(), settings.knownAsset(), settings.futureTolerance());
    Instant now = settings.clock().instant();
    ImportTally.RowCheck check = (line, tx) -> validator.validate(line, tx, now);

    Map<AccountId, dev.ballast.engine.account.RecordedRefs> refs = new HashMap<>();
    java.util.function.BiPredicate<AccountId, dev.ballast.engine.model.Transaction> recorded =
        (account, tx) -> refs.computeIfAbsent(account, this::refs).find(tx.ref()).isPresent();
    List<TransferMatcher.Candidate> candidates = new ArrayList<>();
    ImportTally.RowCheck collecting = (line, tx) -> {
      List<FieldError> errors = check.check(line, tx);
      if (errors.isEmpty() && candidates.size() < MAX_TRANSFER_CANDIDATES && !tx.asset().isFiat() && tx.quantity() != null
          && (tx.type() == dev.ballast.engine.model.TransactionType.DEPOSIT || tx.type() == dev.ballast.engine.model.TransactionType.WITHDRAWAL)) {
        candidates.add(new TransferMatcher.Candidate(line, tx));
      }
      return errors;
    };
    ImportTally first = new ImportTally(request.file(), routing, spec.currency(), collecting, null, importer::columnOf, recorded);
    StoreFx firstFx = settings.storedRates() == null ? null : new StoreFx(first, settings.storedRates(), spec.currency());
    read(importer, request.file(), file, first, firstFx);
    ImportTally.Summary summary = first.summary();
    for (ImportTally.AccountPart part : summary.accounts()) {
      if (part.rows() > dev.ballast.engine.model.InputLimits.MAX_IMPORT_ROWS) {
        throw new Refusal(400, "account " + part.account() + " gets " + part.rows() + " new rows from this file; one import records at most "
            + dev.ballast.engine.model.InputLimits.MAX_IMPORT_ROWS + " per account, as one atomic write: import the file in parts (by date range)",
            List.of(new FieldError(0, "rows", "more than " + dev.ballast.engine.model.InputLimits.MAX_IMPORT_ROWS + " new rows for account "
                + part.account())));
      }
    }
    Transfers found = first.isClean() || request.skipInvalid() ? transfers(id, spec, candidates, recorded) : Transfers.NONE;
    List<TransferMatcher.Match> transfers = found.matches();
    Map<AccountId, List<PositionRow>> before = new HashMap<>();
    for (ImportTally.AccountPart part : summary.accounts()) {
      before.put(part.account(), queries.positions(part.account().value(), false));
    }
    for (StatementBalance balance : summary.balances()) {
      before.computeIfAbsent(accountOf(routing, balance), a -> queries.positions(a.value(), false));
    }
    boolean refused = !first.isClean() && (!request.skipInvalid() || summary.unreadable());
    if (request.dryRun() || refused) {
      String status = request.dryRun() && !refused ? "would-record" : "nothing";
      return report(request, importer, summary, before, Map.of(), status, refused ? ImportResponse.REFUSED : ImportResponse.DRY_RUN,
          dryRunHoldings(routing, summary, before), List.of(), refused ? Transfers.NONE : found, refused ? Map.of() : wouldLink(found),
          refused ? null : firstFx);
    }

    Recorder recorder = new Recorder(id, spec, request.file(), importer::columnOf);
    transfers.forEach(m -> recorder.linked.put(m.linked().ref(), m.linked()));
    if (request.impliedDeposits()) {
      for (ImportTally.AccountPart part : summary.accounts()) {
        recorder.implied.put(part.account(), impliedDeposits(part, before.getOrDefault(part.account(), List.of()), importer.format().name()));
      }
    }
    ImportTally second = new ImportTally(request.file(), routing, spec.currency(), check, recorder::batch, importer::columnOf, recorded);
    StoreFx secondFx = firstFx == null ? null : firstFx.again(second); // the rates the first pass read, not read again
    read(importer, request.file(), file, second, secondFx);
    List<ImportResponse.Holding> holdings = recorder.failed ? List.of() : reportHoldings(routing, summary, recorder, importer.format().name());
    String outcome = !recorder.failed ? ImportResponse.RECORDED
        : recorder.results.values().stream().anyMatch(r -> r.recorded > 0 || r.batches > 0) ? ImportResponse.PARTLY_RECORDED
        : ImportResponse.REFUSED;
    Map<TransferMatcher.PendingLink, String> linked = recorder.failed ? Map.of() : link(found);
    return report(request, importer, second.summary(), before, recorder.results, null, outcome, holdings, recorder.refusals, found, linked,
        secondFx);
  }

  /** The matches of a file, and the recorded rows already named by a transfer id whose other leg still reads as a deposit or withdrawal. */
  private record Transfers(List<TransferMatcher.Match> matches, List<TransferMatcher.PendingLink> otherSides,
      List<TransferMatcher.PendingLink> repairs) {
    static final Transfers NONE = new Transfers(List.of(), List.of(), List.of());
  }

  private static Map<TransferMatcher.PendingLink, String> wouldLink(Transfers found) {
    Map<TransferMatcher.PendingLink, String> out = new LinkedHashMap<>();
    found.otherSides().forEach(p -> out.put(p, "would-relabel"));
    found.repairs().forEach(p -> out.put(p, "would-relabel"));
    return out;
  }

  /**
   * Relabels the other leg of each transfer, once the file's own leg is recorded (a file refused
   * relabels nothing): the matched rows, then the rows earlier imports left unrelabelled. Each is
   * its own command, idempotent by transfer id, so one that fails is done by the next import that
   * sees the transfer; its outcome is reported.
   */
  private Map<TransferMatcher.PendingLink, String> link(Transfers found) {
    Map<TransferMatcher.PendingLink, String> out = new LinkedHashMap<>();
    List<TransferMatcher.PendingLink> all = new ArrayList<>(found.otherSides());
    all.addAll(found.repairs());
    for (TransferMatcher.PendingLink p : all) {
      if (out.containsKey(p)) {
        continue;
      }
      String outcome;
      try {
        AccountLedger.LinkResult result = ask(p.account(), r -> new AccountLedger.LinkTransfer(p.transactionId(), p.transferId(), p.note(), r),
            askTimeout);
        outcome = result instanceof AccountLedger.Linked l ? (l.already() ? "already-linked" : "relabelled")
            : "not-relabelled: " + ((AccountLedger.Refused) result).error().message();
      } catch (RuntimeException e) {
        outcome = "not-relabelled: " + e.getMessage();
      }
      out.put(p, outcome);
    }
    return out;
  }

  /**
   * The file's deposits and withdrawals that match a recorded withdrawal or deposit in another
   * account of a portfolio the account is in (rows routed to the account itself only, as crypto
   * files have no wrappers).
   */
  private Transfers transfers(AccountId id, AccountSpec spec, List<TransferMatcher.Candidate> candidates,
      java.util.function.BiPredicate<AccountId, dev.ballast.engine.model.Transaction> recorded) {
    // a file with no deposit or withdrawal of coins reads no other ledger; one with them, even all recorded already, also
    // looks for transfers earlier imports linked on one side only
    if (candidates.isEmpty()) {
      return Transfers.NONE;
    }
    List<TransferMatcher.Candidate> fresh = candidates.stream().filter(c -> !recorded.test(id, c.transaction())).toList();
    Set<String> others = new LinkedHashSet<>();
    for (var portfolio : queries.portfolios()) {
      if (portfolio.accounts().contains(id.value())) {
        others.addAll(portfolio.accounts());
      }
    }
    others.remove(id.value());
    List<TransferMatcher.Peer> peers = new ArrayList<>();
    for (String other : others) {
      AccountSpec otherSpec = summary(AccountId.of(other));
      if (otherSpec != null) {
        peers.add(new TransferMatcher.Peer(AccountId.of(other), otherSpec.currency(), otherSpec.allowShort(), recordedRows(other)));
      }
    }
    Set<String> used = new java.util.HashSet<>();
    for (TransferMatcher.Peer peer : peers) {
      peer.rows().forEach(r -> {
        if (r.transaction().transferId() != null) {
          used.add(r.transaction().transferId());
        }
      });
    }
    List<TransferMatcher.Recorded> own = recordedRows(id.value());
    own.forEach(r -> {
      if (r.transaction().transferId() != null) {
        used.add(r.transaction().transferId());
      }
    });
    Map<AccountId, List<TransferMatcher.Recorded>> rows = new LinkedHashMap<>();
    rows.put(id, own);
    peers.forEach(p -> rows.put(p.account(), p.rows()));
    List<TransferMatcher.Match> matches = fresh.isEmpty() ? List.of()
        : TransferMatcher.match(fresh, spec.currency(), peers, used, settings.transferWindow());
    return new Transfers(matches, matches.stream().map(m -> TransferMatcher.otherSide(m, id)).toList(), TransferMatcher.unrelabelled(rows));
  }

  private List<TransferMatcher.Recorded> recordedRows(String account) {
    List<TransferMatcher.Recorded> rows = new ArrayList<>();
    for (var row : queries.ledger(account)) {
      try {
        rows.add(new TransferMatcher.Recorded(row.transactionId(), row.seq(), json.readValue(row.transaction(), dev.ballast.engine.model.Transaction.class)));
      } catch (IOException e) {
        throw new IllegalStateException("transaction " + row.transactionId() + " of " + account + " cannot be read back: " + e.getMessage(), e);
      }
    }
    return rows;
  }

  /** One pass over the file into the tally, through the stored rates when there are any ({@code fx}; null: none). */
  private static void read(StatementImporter importer, String name, Path file, ImportTally tally, StoreFx fx) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      importer.read(name, in, fx == null ? tally : fx);
    }
    tally.finish();
  }

  private static AccountId accountOf(AccountRouting routing, StatementBalance balance) {
    return routing.accountFor(balance.taxWrapper().orElse(null));
  }

  // ---- recording --------------------------------------------------------------------------

  /** What recording did for one account. */
  private static final class Outcome {
    boolean created;
    String status = "recorded";
    int recorded;
    int duplicates;
    /** Atomic writes the ledger made for the account: 1 once its staged parts were recorded, else 0. */
    int batches;
    /** Parts sent to the account's ledger, and the file line of each row they held (0 for an implied deposit). */
    int parts;
    final List<Integer> lines = new ArrayList<>();
    int impliedRecorded;
    boolean relotted;
  }

  /**
   * The deposits that keep each cash balance from going below zero at any point of the file's rows
   * (the lowest the running balance reaches, from the balance the account has now, not just where
   * it ends), dated at the account's earliest row; their id names the currency, the date and the
   * amount, so importing the same file again implies (and records) nothing more.
   */
  static List<dev.ballast.engine.model.Transaction> impliedDeposits(ImportTally.AccountPart part, List<PositionRow> before, String format) {
    List<dev.ballast.engine.model.Transaction> deposits = new ArrayList<>();
    implied(part, before).forEach((currency, amount) -> deposits.add(
        dev.ballast.engine.model.Transaction.builder(dev.ballast.engine.model.TransactionType.DEPOSIT).at(part.from())
            .asset(currency).quantity(dev.ballast.engine.model.Quantity.of(amount))
            .ref("implied:" + format, currency.value() + "-" + part.from() + "-" + amount.stripTrailingZeros().toPlainString())
            .note("cash the imported rows imply (--implied-deposits): the file has no deposit for it").build()));
    return deposits;
  }

  /** Per currency, how far the rows take the cash below zero at their lowest (only currencies that go below). */
  static Map<AssetId, BigDecimal> implied(ImportTally.AccountPart part, List<PositionRow> before) {
    Map<AssetId, BigDecimal> implied = new TreeMap<>();
    part.lowestCash().forEach((currency, low) -> {
      BigDecimal lowest = quantity(before, currency).add(low);
      if (lowest.signum() < 0) {
        implied.put(currency, lowest.negate());
      }
    });
    return implied;
  }

  /** Sends each batch in turn; after the first refusal it sends nothing more. */
  private final class Recorder {
    final AccountId main;
    final AccountSpec spec;
    final String file;
    final Map<AccountId, Outcome> results = new LinkedHashMap<>();
    final List<ImportResponse.Rejected> refusals = new ArrayList<>();
    final java.util.function.UnaryOperator<String> columnOf;
    final Map<AccountId, List<dev.ballast.engine.model.Transaction>> implied = new HashMap<>();
    /** File rows matched as transfers, as they are to be recorded, by their reference. */
    final Map<dev.ballast.engine.model.ExternalRef, dev.ballast.engine.model.Transaction> linked = new HashMap<>();
    boolean failed;
    /** The parts of this run are staged under it in each account's ledger. */
    final String importId = "import-" + java.util.UUID.randomUUID();

    Recorder(AccountId main, AccountSpec spec, String file, java.util.function.UnaryOperator<String> columnOf) {
      this.columnOf = columnOf;
      this.main = main;
      this.spec = spec;
      this.file = file;
    }

    /**
     * Stages the batch in its account's ledger; the account's last batch records all of them as one atomic write (a
     * file lands whole in each account, or not at all). After the first refusal nothing more is sent, and what other
     * accounts hold staged is dropped.
     */
    void batch(ImportTally.Batch batch) {
      Outcome outcome = results.computeIfAbsent(batch.account(), a -> new Outcome());
      if (failed) {
        outcome.status = outcome.batches == 0 && !outcome.status.equals("refused") ? "not-sent" : outcome.status;
        return;
      }
      if (outcome.parts == 0 && !batch.account().equals(main)) {
        try {
          outcome.created = ensureAccount(batch.account(), batch.wrapper());
        } catch (RuntimeException e) {
          fail(outcome, new ImportResponse.Rejected(file, 0, null, "account " + batch.account() + " could not be opened: " + e.getMessage()));
          return;
        }
      }
      List<dev.ballast.engine.model.Transaction> deposits = outcome.parts == 0 ? implied.getOrDefault(batch.account(), List.of()) : List.of();
      if (batch.transactions().isEmpty() && deposits.isEmpty() && (outcome.parts == 0 || !batch.last())) {
        return;
      }
      List<dev.ballast.engine.model.Transaction> rows = new ArrayList<>();
      batch.transactions().forEach(tx -> rows.add(linked.isEmpty() ? tx : linked.getOrDefault(tx.ref(), tx)));
      if (!deposits.isEmpty()) {
        if (deposits.size() + rows.size() > dev.ballast.engine.model.InputLimits.MAX_BATCH_ROWS) {
          // a full batch with its implied deposits would pass the batch limit: the deposits are a part of their own
          if (!stage(batch.account(), outcome, deposits, deposits.stream().map(d -> 0).toList(), false)) {
            return;
          }
        } else {
          rows.addAll(0, deposits);
          List<Integer> lines = new ArrayList<>(deposits.stream().map(d -> 0).toList());
          lines.addAll(batch.lines());
          stage(batch.account(), outcome, rows, lines, batch.last());
          return;
        }
      }
      stage(batch.account(), outcome, rows, batch.lines(), batch.last());
    }

    /** Sends one part; false when it was refused (the import then stops). */
    private boolean stage(AccountId account, Outcome outcome, List<dev.ballast.engine.model.Transaction> rows, List<Integer> lines,
        boolean last) {
      outcome.lines.addAll(lines);
      int part = outcome.parts++;
      AccountLedger.BatchResult result = ask(account, r -> new AccountLedger.StageTransactions(importId, part, List.copyOf(rows), last, r),
          settings.batchTimeout());
      if (result instanceof AccountLedger.Staged) {
        return true;
      }
      if (result instanceof AccountLedger.Recorded recorded) {
        outcome.impliedRecorded = implied.getOrDefault(account, List.of()).size();
        outcome.batches++;
        outcome.recorded += recorded.transactionIds().size();
        outcome.duplicates += recorded.duplicates().size();
        outcome.relotted |= recorded.relotted();
        return true;
      }
      CommandError error = ((AccountLedger.Refused) result).error();
      if (error instanceof CommandError.Invalid invalid) {
        for (FieldError e : invalid.errors()) {
          // the rows of all the account's parts are numbered together
          int line = e.row() >= 1 && e.row() <= outcome.lines.size() ? outcome.lines.get(e.row() - 1) : 0;
          refusals.add(new ImportResponse.Rejected(file, line, columnOf.apply(e.field()), "account " + account + ": " + e.message()));
        }
        fail(outcome, null);
      } else {
        fail(outcome, new ImportResponse.Rejected(file, 0, null, "account " + account + ": " + error.message()));
      }
      results.forEach((other, o) -> {
        if (!other.equals(account) && o.parts > 0 && o.batches == 0) {
          sharding.entityRefFor(AccountLedger.ENTITY_KEY, other.value()).tell(new AccountLedger.DiscardStaged(importId));
          o.status = "not-sent";
        }
      });
      return false;
    }

    private void fail(Outcome outcome, ImportResponse.Rejected why) {
      if (why != null) {
        refusals.add(why);
      }
      outcome.status = "refused";
      failed = true;
    }

    /** Until the portfolio slices hold every attach journaled before now. */
    private void awaitPortfolios() {
      try {
        List<String> behind = queries.awaitPortfolios(askTimeout);
        if (!behind.isEmpty()) {
          throw new IllegalStateException("the read side is behind the journal (" + String.join(", ", behind) + "), so the portfolios of "
              + main + " cannot be known yet to attach the new account to them; try the import again");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the read side", e);
      }
    }

    /** Opens the account of another wrapper like the main one and attaches it where the main one is; true when it is new. */
    private boolean ensureAccount(AccountId account, TaxWrapper wrapper) {
      if (summary(account) != null) {
        return false;
      }
      TaxWrapper w = wrapper == null ? spec.taxWrapper() : wrapper;
      AccountSpec copy = new AccountSpec(truncate(spec.name() + " (" + AccountRouting.slug(w) + ")"), spec.kind(), spec.provider(),
          spec.currency(), w, spec.allowShort(), spec.costMethod());
      AccountLedger.OpenResult opened = ask(account, r -> new AccountLedger.Open(copy, r), askTimeout);
      if (opened instanceof AccountLedger.Refused refused) {
        throw new IllegalStateException(refused.error().message());
      }
      // the portfolios the main account is in come from the read side: an attach just made must be in it
      awaitPortfolios();
      for (var portfolio : queries.portfolios()) {
        if (portfolio.accounts().contains(main.value())) {
          Portfolio.Result attached = askPortfolio(PortfolioId.of(portfolio.portfolioId()), r -> new Portfolio.AttachAccount(account, r));
          if (attached instanceof Portfolio.Refused refused) {
            throw new IllegalStateException("attaching to portfolio " + portfolio.portfolioId() + ": " + refused.error().message());
          }
        }
      }
      return ((AccountLedger.Opened) opened).created();
    }
  }

  private static String truncate(String name) {
    return name.length() <= 200 ? name : name.substring(0, 200);
  }

  // ---- holdings ---------------------------------------------------------------------------

  private List<ImportResponse.Holding> dryRunHoldings(AccountRouting routing, ImportTally.Summary summary, Map<AccountId, List<PositionRow>> before) {
    List<ImportResponse.Holding> holdings = new ArrayList<>();
    for (StatementBalance b : summary.balances()) {
      AccountId account = accountOf(routing, b);
      BigDecimal ledger = quantity(before.getOrDefault(account, List.of()), b.asset());
      holdings.add(new ImportResponse.Holding(account.value(), b.asset().value(), b.asOf(), b.quantity().value(), ledger,
          b.quantity().value().subtract(ledger)));
    }
    return holdings;
  }

  /** Reports each account's holdings to its ledger (it records the differences) and lists ledger against statement. */
  private List<ImportResponse.Holding> reportHoldings(AccountRouting routing, ImportTally.Summary summary, Recorder recorder, String source) {
    Map<AccountId, Map<AssetId, BigDecimal>> byAccount = new LinkedHashMap<>();
    Map<AccountId, Instant> asOf = new HashMap<>();
    for (StatementBalance b : summary.balances()) {
      AccountId account = accountOf(routing, b);
      byAccount.computeIfAbsent(account, a -> new TreeMap<>()).merge(b.asset(), b.quantity().value(), BigDecimal::add);
      asOf.merge(account, b.asOf(), (x, y) -> x.isAfter(y) ? x : y);
    }
    List<ImportResponse.Holding> holdings = new ArrayList<>();
    Set<AccountId> known = new LinkedHashSet<>(byAccount.keySet());
    for (AccountId account : known) {
      if (summary(account) == null) {
        recorder.ensureAccount(account, summary.balances().stream().filter(b -> accountOf(routing, b).equals(account))
            .findFirst().flatMap(StatementBalance::taxWrapper).orElse(null));
      }
      Map<AssetId, BigDecimal> reported = byAccount.get(account);
      AccountLedger.BalanceResult result = ask(account, r -> new AccountLedger.ReportBalances(source, asOf.get(account), reported, r),
          askTimeout);
      Map<AssetId, BigDecimal> differences = new HashMap<>();
      if (result instanceof AccountLedger.BalanceCheck check) {
        check.discrepancies().forEach(d -> differences.put(d.asset(), d.ledgerQuantity()));
      }
      reported.forEach((asset, quantity) -> {
        BigDecimal ledger = differences.getOrDefault(asset, quantity);
        holdings.add(new ImportResponse.Holding(account.value(), asset.value(), asOf.get(account), quantity, ledger, quantity.subtract(ledger)));
      });
    }
    return holdings;
  }

  // ---- the report -------------------------------------------------------------------------

  private ImportResponse report(ImportRequest request, StatementImporter importer, ImportTally.Summary summary,
      Map<AccountId, List<PositionRow>> before, Map<AccountId, Outcome> outcomes, String status, String outcome,
      List<ImportResponse.Holding> holdings, List<ImportResponse.Rejected> refusals, Transfers found,
      Map<TransferMatcher.PendingLink, String> links, StoreFx fx) {
    List<ImportResponse.AccountPart> parts = new ArrayList<>();
    for (ImportTally.AccountPart part : summary.accounts()) {
      List<PositionRow> held = before.getOrDefault(part.account(), List.of());
      Map<String, BigDecimal> beforeQty = new TreeMap<>();
      held.forEach(p -> beforeQty.put(p.asset(), p.quantity()));
      List<ImportResponse.PositionChange> positions = new ArrayList<>();
      Map<String, BigDecimal> cashChange = new TreeMap<>();
      Map<String, BigDecimal> implied = new TreeMap<>();
      part.changes().forEach((asset, change) -> {
        BigDecimal was = beforeQty.getOrDefault(asset.value(), BigDecimal.ZERO);
        positions.add(new ImportResponse.PositionChange(asset.value(), was, change, was.add(change)));
      });
      part.cashChange().forEach((currency, change) -> cashChange.put(currency.value(), change));
      implied(part, held).forEach((currency, amount) -> implied.put(currency.value(), amount));
      Outcome o = outcomes.get(part.account());
      parts.add(new ImportResponse.AccountPart(part.account().value(), part.wrapper(), o != null && o.created,
          status != null ? status : o == null ? "not-sent" : o.status, part.rows(), part.byType(),
          part.byAsset().entrySet().stream().collect(TreeMap::new, (m, e) -> m.put(e.getKey().value(), e.getValue()), Map::putAll),
          part.from(), part.to(), part.firstRows().stream().map(s -> new ImportResponse.Row(s.line(), s.transaction())).toList(),
          positions, cashChange, implied, o == null ? 0 : o.recorded, part.alreadyRecorded() + (o == null ? 0 : o.duplicates), o != null && o.relotted,
          o == null ? 0 : o.impliedRecorded));
    }
    List<ImportResponse.Rejected> rejected = new ArrayList<>();
    summary.rejected().forEach(r -> rejected.add(new ImportResponse.Rejected(r.file(), r.line(), r.column(), r.reason())));
    rejected.addAll(refusals);
    return new ImportResponse(request.file(), importer.format().name(), outcome, request.dryRun(), request.skipInvalid(), summary.rows(),
        summary.rejectedCount() + refusals.size(), rejected, parts, holdings, java.util.stream.IntStream.range(0, found.matches().size()).mapToObj(i -> transfer(found.matches().get(i),
            links.get(found.otherSides().get(i)))).toList(),
        found.repairs().stream().map(p -> new ImportResponse.Link(p.account().value(), p.transactionId(), p.transferId(), links.get(p))).toList(),
        fx == null ? 0 : fx.count(), fx == null ? List.of() : fx.used().stream()
            .map(u -> new ImportResponse.StoredRate(u.line(), u.pair(), u.asOf(), u.rate())).toList());
  }

  private static ImportResponse.Transfer transfer(TransferMatcher.Match m, String otherSide) {
    return new ImportResponse.Transfer(
            m.candidate().line(), m.linked().type() == dev.ballast.engine.model.TransactionType.TRANSFER_IN ? "in" : "out",
            m.linked().asset().value(), m.linked().quantity().value(), m.other().value(), m.otherRow().transactionId(), m.linked().transferId(),
            m.carried(), m.carriedCurrency() == null ? null : m.carriedCurrency().value(), otherSide);
  }

  private static BigDecimal quantity(List<PositionRow> positions, AssetId asset) {
    return positions.stream().filter(p -> p.asset().equals(asset.value())).map(PositionRow::quantity).findFirst().orElse(BigDecimal.ZERO);
  }

  // ---- asking the entities ----------------------------------------------------------------

  /** What the account's ledger has recorded (by source and external id); none for an account not open yet. */
  private dev.ballast.engine.account.RecordedRefs refs(AccountId id) {
    AccountLedger.State state = ask(id, AccountLedger.Get::new, askTimeout);
    return state instanceof AccountLedger.OpenAccount open ? open.refs() : dev.ballast.engine.account.RecordedRefs.empty();
  }

  /** The account's definition, or null when it is not open. */
  AccountSpec summary(AccountId id) {
    AccountLedger.SummaryResult result = ask(id, AccountLedger.GetSummary::new, askTimeout);
    return result instanceof AccountLedger.AccountSummary s ? s.spec() : null;
  }

  private <R> R ask(AccountId id, org.apache.pekko.japi.function.Function<org.apache.pekko.actor.typed.ActorRef<R>, AccountLedger.Command> message,
      Duration timeout) {
    return await(sharding.entityRefFor(AccountLedger.ENTITY_KEY, id.value()).ask(message, timeout), timeout);
  }

  private Portfolio.Result askPortfolio(PortfolioId id,
      org.apache.pekko.japi.function.Function<org.apache.pekko.actor.typed.ActorRef<Portfolio.Result>, Portfolio.Command> message) {
    return await(sharding.entityRefFor(Portfolio.ENTITY_KEY, id.value()).ask(message, askTimeout), askTimeout);
  }

  private static <R> R await(java.util.concurrent.CompletionStage<R> stage, Duration timeout) {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the entity did not answer within " + timeout.toSeconds() + "s", e);
    }
  }
}
