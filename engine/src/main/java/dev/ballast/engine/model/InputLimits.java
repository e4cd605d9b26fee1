package dev.ballast.engine.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one declaration of how large and of which characters every input field may be, checked where
 * input enters (API, CLI, files) and again by the entities. Each limit is what the journal, the
 * snapshots and the read tables can hold and read back: text lengths are the read-table columns
 * of {@code db/migration/common/V2__read_side.sql}; decimals stay far below the 1,000 digits
 * Jackson reads back, even after the ledger multiplies and adds them; no text carries a control
 * character (the idempotency key joins source and external id with U+001F).
 *
 * <p>Every check is a pure function returning the problems found, each naming row and field (row
 * 0 for a single object).
 */
public final class InputLimits {
  private InputLimits() {}

  /** How many digits a decimal may have before and after the point. */
  public record DecimalLimit(int maxIntegerDigits, int maxScale) {
    /** The most significant digits a value within this limit can have. */
    public int maxPrecision() {
      return maxIntegerDigits + maxScale;
    }
  }

  /**
   * How long a text may be and which characters it may hold: {@code form} null means any
   * printable text (no control, format or unpaired surrogate characters); otherwise the whole text
   * must match it, and {@code formText} says so in words.
   */
  public record TextLimit(int maxLength, Pattern form, String formText) {}

  /**
   * Quantities, prices, money amounts and FX rates. 18 decimals hold a wei; 22 integer digits hold
   * any supply or cash balance met in practice. A product of two such values with an FX rate stays
   * near 130 digits.
   */
  public static final DecimalLimit AMOUNT = new DecimalLimit(22, 18);

  /** New units per old unit of a SPLIT: lots multiply by it at every split, so it is kept short. */
  public static final DecimalLimit SPLIT_RATIO = new DecimalLimit(9, 9);

  /** The most days a value history (and the metrics over it) spans: every day is valued, so a range is bounded. */
  public static final int HISTORY_DAYS = 36_600;

  /** The most days of closes an optimizer run on a portfolio reads: ten years, each day a row of the returns window. */
  public static final int OPTIMIZER_DAYS = 3_660;

  /** A target weight in percent, 0 to 100. */
  public static final DecimalLimit WEIGHT_PERCENT = new DecimalLimit(3, 10);

  private static final Pattern SOURCE_FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+\\-]*");
  // visible ASCII, single inner spaces allowed: never a separator a key could be confused by
  private static final Pattern ID_FORM = Pattern.compile("[!-~](?:[ -~]*[!-~])?");
  private static final Pattern GROUP_FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+\\- ]*");
  private static final Pattern IDENTIFIER_KEY_FORM = Pattern.compile("[a-z0-9][a-z0-9._:\\-]*");

  /** transactions.source and balance_discrepancies.source VARCHAR(100). */
  public static final TextLimit SOURCE =
      new TextLimit(100, SOURCE_FORM, "letters, digits and . _ : / @ + - (no spaces), starting with a letter or digit");

  /** transactions.external_id VARCHAR(200). */
  public static final TextLimit EXTERNAL_ID =
      new TextLimit(200, ID_FORM, "visible ASCII characters, with single spaces inside only");

  /** Kept in the transaction's JSON only; as long as an external id, as it links to one. */
  public static final TextLimit TRANSFER_ID = new TextLimit(200, ID_FORM, EXTERNAL_ID.formText());

  /** An {@code Idempotency-Key} request header (a plan sent through a strategy): journaled with the decision it made. */
  public static final TextLimit IDEMPOTENCY_KEY = new TextLimit(200, ID_FORM, EXTERNAL_ID.formText());

  /** Kept in the transaction's JSON only (tx_json TEXT). */
  public static final TextLimit NOTE = new TextLimit(1000, null, null);

  /** accounts.name VARCHAR(200). */
  public static final TextLimit ACCOUNT_NAME = new TextLimit(200, null, null);

  /** accounts.provider VARCHAR(100). */
  public static final TextLimit PROVIDER =
      new TextLimit(100, SOURCE_FORM, "letters, digits and . _ : / @ + - (no spaces), starting with a letter or digit");

  /** portfolios.name VARCHAR(200). */
  public static final TextLimit PORTFOLIO_NAME = new TextLimit(200, null, null);

  /** assets.name VARCHAR(200). */
  public static final TextLimit ASSET_NAME = new TextLimit(200, null, null);

  /** A key of an asset's identifiers ({@code isin}, {@code venue:binance}); kept in identifiers_json TEXT. */
  public static final TextLimit IDENTIFIER_KEY =
      new TextLimit(100, IDENTIFIER_KEY_FORM, "lower-case letters, digits and . _ : -");

  /** A venue symbol or code of an asset. */
  public static final TextLimit IDENTIFIER_VALUE = new TextLimit(200, ID_FORM, EXTERNAL_ID.formText());

  /** A group name of a GROUP target allocation; kept in target_json TEXT. */
  public static final TextLimit GROUP_NAME =
      new TextLimit(100, GROUP_FORM, "letters, digits, spaces and . _ : / @ + -, starting with a letter or digit");

  /** An asset id or an asset class name as a target key (their own forms are checked by the allocation). */
  public static final TextLimit TARGET_KEY = new TextLimit(100, null, null);

  /** Who engaged or reset the kill switch (a user or token name); kept in the journal only. */
  public static final TextLimit KILL_SWITCH_BY = new TextLimit(100, ID_FORM, EXTERNAL_ID.formText());

  /** A trade annotation's answer (thesis, exit plan, lesson...); kept in the journal only (issue 15). */
  public static final TextLimit ANNOTATION_TEXT = new TextLimit(4000, null, null);

  /** Who wrote a trade annotation (a user or token name); kept in the journal only. */
  public static final TextLimit ANNOTATION_BY = new TextLimit(100, ID_FORM, EXTERNAL_ID.formText());

  /** The order id or account and transaction id an annotation is attached to, each part as an external id. */
  public static final TextLimit ANNOTATION_REF = new TextLimit(200, ID_FORM, EXTERNAL_ID.formText());

  /** A trade annotation's idempotency key (client-supplied, or "source:external id"); in the journal and the read table. */
  public static final TextLimit ANNOTATION_KEY = new TextLimit(300, ID_FORM, EXTERNAL_ID.formText());

  /** Why the kill switch was engaged; kept in the journal only. */
  public static final TextLimit KILL_SWITCH_REASON = new TextLimit(1000, null, null);

  /** A user's login name: lower-case letters, digits and ._- (it is a key, and part of every audit line). */
  public static final TextLimit USER_NAME =
      new TextLimit(64, Pattern.compile("[a-z0-9][a-z0-9._\\-]*"), "lower-case letters, digits and ._- (starting with a letter or digit)");

  /** A password: bcrypt reads at most 72 bytes, so longer ones are refused rather than cut; at least 10 characters. */
  public static final TextLimit PASSWORD = new TextLimit(72, null, null);
  public static final int MIN_PASSWORD_LENGTH = 10;

  /** What a personal API token is for ("laptop CLI"). */
  public static final TextLimit TOKEN_NAME = new TextLimit(100, null, null);

  /** A job's schedule, "every:4h" or "cron:0 0 9 * * *" (issue 14); its form is checked by JobSchedule. */
  public static final TextLimit JOB_SCHEDULE = new TextLimit(200, null, null);

  /** A time zone id such as "Europe/Paris"; the zone database checks it. */
  public static final TextLimit TIME_ZONE = new TextLimit(60, Pattern.compile("[A-Za-z0-9_/+\\-]+"), "a time zone id such as Europe/Paris or UTC");

  /** An alert subscription's name, a key per user (issue 14): lower-case letters, digits and ._-. */
  public static final TextLimit ALERT_SUBSCRIPTION_NAME =
      new TextLimit(64, Pattern.compile("[a-z0-9][a-z0-9._\\-]*"), "lower-case letters, digits and ._- (starting with a letter or digit)");

  /** An alert webhook's URL (ops_subscriptions.target VARCHAR(2000)). */
  public static final TextLimit ALERT_WEBHOOK_URL = new TextLimit(2000, null, null);

  /** An alert webhook's signing secret: at least 16 characters (HMAC-SHA256), at most what the vault keeps. */
  public static final TextLimit ALERT_WEBHOOK_SECRET = new TextLimit(4096, null, null);
  public static final int MIN_ALERT_WEBHOOK_SECRET = 16;

  /** One e-mail address of an alert subscription (RFC 5321's 254). */
  public static final TextLimit ALERT_EMAIL_ADDRESS = new TextLimit(254, null, null);
  public static final int MAX_ALERT_EMAIL_ADDRESSES = 10;

  public static final int MAX_BATCH_ROWS = 10_000;
  /**
   * Rows one account takes from one import, recorded as one atomic write (in parts of at most
   * {@link #MAX_BATCH_ROWS}): a larger file is imported in parts, by date range.
   */
  public static final int MAX_IMPORT_ROWS = 100_000;
  /** The id under which an import's parts are staged in an account (the importer makes one per run and account). */
  public static final int MAX_IMPORT_ID = 100;
  public static final int MAX_BALANCES = 1_000;
  public static final int MAX_TARGETS = 1_000;
  /** The {@code K=V} parameters of one backtest (or sweep), each key and value at most {@link #BACKTEST_PARAM} long. */
  public static final int MAX_BACKTEST_PARAMS = 200;
  public static final TextLimit BACKTEST_PARAM = new TextLimit(200, null, null);
  /** The points of one parameter sweep. */
  public static final int MAX_SWEEP_POINTS = 1_000;
  public static final int MAX_GROUP_ASSETS = 1_000;
  public static final int MAX_IDENTIFIERS = 50;
  /** A durable job's run id ({@code <job>@<due instant>}): a job name of at most 100 and an instant. */
  public static final int MAX_JOB_RUN_ID = 200;

  /** The earliest instant kept: PostgreSQL's timestamptz ends at year 294276, and nothing financial predates 1900. */
  public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

  /** The latest instant kept. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  // ---- whole inputs -----------------------------------------------------------------------

  /** One transaction of a batch; {@code row} is its 1-based row. Null fields are left to the ledger's validator. */
  public static List<FieldError> transaction(int row, Transaction tx) {
    List<FieldError> errors = new ArrayList<>();
    if (tx == null) {
      errors.add(new FieldError(row, "transaction", "is null; expected an object"));
      return errors;
    }
    instant(row, "timestamp", tx.timestamp(), errors);
    if (tx.quantity() != null) {
      decimal(row, "quantity", tx.quantity().value(), AMOUNT, errors);
    }
    if (tx.price() != null) {
      decimal(row, "price.value", tx.price().value(), AMOUNT, errors);
    }
    money(row, "amount", tx.amount(), errors);
    money(row, "fee", tx.fee(), errors);
    money(row, "tax", tx.tax(), errors);
    decimal(row, "fxRate", tx.fxRate(), AMOUNT, errors);
    decimal(row, "splitRatio", tx.splitRatio(), SPLIT_RATIO, errors);
    text(row, "transferId", tx.transferId(), TRANSFER_ID, errors);
    text(row, "source", tx.source(), SOURCE, errors);
    text(row, "externalId", tx.externalId(), EXTERNAL_ID, errors);
    text(row, "note", tx.note(), NOTE, errors);
    return errors;
  }

  /**
   * A whole batch: its size, every row, and no source + external id twice with different content
   * (the same row twice is a repeat, which the ledger acknowledges once).
   */
  public static List<FieldError> batch(List<Transaction> rows) {
    List<FieldError> errors = new ArrayList<>();
    if (rows == null) {
      errors.add(new FieldError(0, "transactions", "is required"));
      return errors;
    }
    if (rows.size() > MAX_BATCH_ROWS) {
      errors.add(new FieldError(0, "transactions", "has " + rows.size() + " rows; at most " + MAX_BATCH_ROWS + " go in one batch"));
      return errors;
    }
    Map<List<String>, Integer> firstRow = new HashMap<>();
    java.util.Set<Integer> blamedFirst = new java.util.HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      Transaction tx = rows.get(i);
      int row = i + 1;
      errors.addAll(transaction(row, tx));
      if (tx == null || tx.source() == null || tx.externalId() == null) {
        continue;
      }
      // a list, not a joined string: no separator can make two different pairs one key
      Integer first = firstRow.putIfAbsent(List.of(tx.source(), tx.externalId()), i);
      if (first != null && !tx.equals(rows.get(first))) {
        String ref = "source " + tx.source() + " and externalId " + tx.externalId();
        if (blamedFirst.add(first)) {
          errors.add(new FieldError(first + 1, "externalId", ref + " are also row " + row
              + "'s, with other content; one record cannot be two transactions"));
        }
        errors.add(new FieldError(row, "externalId", ref + " are also row " + (first + 1)
            + "'s, with other content; one record cannot be two transactions"));
      }
    }
    return errors;
  }

  /** An account as it is opened. */
  public static List<FieldError> account(AccountSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(new FieldError(0, "account", "is required"));
      return errors;
    }
    errors.addAll(accountName(spec.name()));
    errors.addAll(provider(spec.provider()));
    return errors;
  }

  public static List<FieldError> accountName(String name) {
    List<FieldError> errors = new ArrayList<>();
    text(0, "name", name, ACCOUNT_NAME, errors);
    return errors;
  }

  public static List<FieldError> provider(String provider) {
    List<FieldError> errors = new ArrayList<>();
    text(0, "provider", provider, PROVIDER, errors);
    return errors;
  }

  /** A portfolio as it is created. */
  public static List<FieldError> portfolio(String name) {
    List<FieldError> errors = new ArrayList<>();
    text(0, "name", name, PORTFOLIO_NAME, errors);
    return errors;
  }

  /** Balances a venue reports as of an instant. */
  public static List<FieldError> balanceReport(String source, Instant asOf, Map<AssetId, BigDecimal> balances) {
    List<FieldError> errors = new ArrayList<>();
    text(0, "source", source, SOURCE, errors);
    instant(0, "asOf", asOf, errors);
    if (balances != null) {
      if (balances.size() > MAX_BALANCES) {
        errors.add(new FieldError(0, "balances", "has " + balances.size() + " assets; at most " + MAX_BALANCES));
        return errors;
      }
      balances.forEach((asset, quantity) -> decimal(0, "balances." + asset, quantity, AMOUNT, errors));
    }
    return errors;
  }

  /** An asset as it is registered. */
  public static List<FieldError> asset(Asset asset) {
    List<FieldError> errors = new ArrayList<>();
    if (asset == null) {
      errors.add(new FieldError(0, "asset", "is required"));
      return errors;
    }
    text(0, "name", asset.name(), ASSET_NAME, errors);
    if (asset.identifiers().size() > MAX_IDENTIFIERS) {
      errors.add(new FieldError(0, "identifiers", "has " + asset.identifiers().size() + " entries; at most " + MAX_IDENTIFIERS));
      return errors;
    }
    new java.util.TreeMap<>(asset.identifiers()).forEach((key, value) -> {
      int before = errors.size();
      text(0, "identifiers", key, IDENTIFIER_KEY, errors);
      if (errors.size() == before) {
        if (value == null) {
          errors.add(new FieldError(0, "identifiers." + key, "is null; expected text"));
        } else {
          text(0, "identifiers." + key, value, IDENTIFIER_VALUE, errors);
        }
      }
    });
    return errors;
  }

  // ---- single values ----------------------------------------------------------------------

  /** Adds a problem when a decimal has more digits than the limit; null is not this check's concern. */
  public static void decimal(int row, String field, BigDecimal value, DecimalLimit limit, List<FieldError> errors) {
    if (value == null) {
      return;
    }
    // the written form: the journal keeps a value as given, trailing zeros and all
    int scale = Math.max(value.scale(), 0);
    long integerDigits = (long) value.precision() - value.scale();
    if (scale > limit.maxScale()) {
      errors.add(new FieldError(row, field, "has " + scale + " decimal places; at most " + limit.maxScale() + " are kept"));
    }
    if (integerDigits > limit.maxIntegerDigits()) {
      errors.add(new FieldError(row, field, "is too large: at most " + limit.maxIntegerDigits() + " digits before the decimal point"));
    }
  }

  /** Adds a problem when a text is blank, too long, or holds characters its field does not take; null is not this check's concern. */
  public static void text(int row, String field, String value, TextLimit limit, List<FieldError> errors) {
    if (value == null) {
      return;
    }
    if (value.isBlank()) {
      errors.add(new FieldError(row, field, "is blank"));
      return;
    }
    if (value.length() > limit.maxLength()) {
      errors.add(new FieldError(row, field, "has " + value.length() + " characters; at most " + limit.maxLength()));
      return;
    }
    if (limit.form() != null) {
      if (!limit.form().matcher(value).matches()) {
        errors.add(new FieldError(row, field, "may hold only " + limit.formText()));
      }
      return;
    }
    int bad = firstUnprintable(value);
    if (bad >= 0) {
      errors.add(new FieldError(row, field, "holds the control or invisible character U+"
          + String.format("%04X", value.codePointAt(bad)) + " at position " + (bad + 1)));
    }
  }

  /** Adds a problem when an instant lies outside what the read tables keep. */
  public static void instant(int row, String field, Instant value, List<FieldError> errors) {
    if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
      errors.add(new FieldError(row, field, "must lie between " + EARLIEST + " and " + LATEST + ", got " + value));
    }
  }

  private static void money(int row, String field, Money money, List<FieldError> errors) {
    if (money != null) {
      decimal(row, field + ".amount", money.amount(), AMOUNT, errors);
    }
  }

  /** The index of the first character text must not hold, or -1. */
  static int firstUnprintable(String value) {
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      int type = Character.getType(cp);
      boolean joiner = cp == 0x200C || cp == 0x200D; // needed inside words of several scripts and emoji
      if (type == Character.CONTROL || type == Character.SURROGATE || type == Character.UNASSIGNED
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || (type == Character.FORMAT && !joiner) || cp == 0xFFFE || cp == 0xFFFF) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

}
