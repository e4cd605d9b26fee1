package dev.ballast.api.http.imports;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ballast.adapters.statement.StatementFormats;
import dev.ballast.engine.model.AssetId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * What the import endpoint needs: the formats (built-in and the user's mappings under
 * {@code ballast.imports.mappings}), the largest file it takes, where uploads are spooled, how
 * long one batch may take, the ledger's own checks (known assets, future tolerance, clock), and the
 * window in which a withdrawal and a deposit of the same coins in two accounts are one transfer, and
 * the stored rates that price a trade between two coins (null: none, such a row needs its own FX rate).
 */
public record ImportSettings(
    StatementFormats formats, long maxFileBytes, Path spoolDir, Duration batchTimeout, Predicate<AssetId> knownAsset,
    Duration futureTolerance, Clock clock, Duration transferWindow, dev.ballast.engine.marketdata.AsOfRates storedRates) {

  public ImportSettings(StatementFormats formats, long maxFileBytes, Path spoolDir, Duration batchTimeout, Predicate<AssetId> knownAsset,
      Duration futureTolerance, Clock clock, Duration transferWindow) {
    this(formats, maxFileBytes, spoolDir, batchTimeout, knownAsset, futureTolerance, clock, transferWindow, null);
  }

  /** These settings, with the price store's rates for trades between two coins that come without one ({@link StoreFx}). */
  public ImportSettings withStoredRates(dev.ballast.engine.marketdata.AsOfRates rates) {
    return new ImportSettings(formats, maxFileBytes, spoolDir, batchTimeout, knownAsset, futureTolerance, clock, transferWindow, rates);
  }

  public ImportSettings(StatementFormats formats, long maxFileBytes, Path spoolDir, Duration batchTimeout, Predicate<AssetId> knownAsset,
      Duration futureTolerance, Clock clock) {
    this(formats, maxFileBytes, spoolDir, batchTimeout, knownAsset, futureTolerance, clock, DEFAULT_TRANSFER_WINDOW);
  }

  /** How long after a withdrawal a deposit of the same coins elsewhere is taken as the same transfer. */
  public static final Duration DEFAULT_TRANSFER_WINDOW = Duration.ofDays(3);

  public static ImportSettings from(Config config, Predicate<AssetId> knownAsset, Clock clock) {
    Config imports = config.hasPath("ballast.imports") ? config.getConfig("ballast.imports") : ConfigFactory.empty();
    long max = imports.hasPath("max-file-size") ? imports.getBytes("max-file-size") : 1L << 30;
    Path spool = imports.hasPath("spool-dir") && !imports.getString("spool-dir").isBlank()
        ? Path.of(imports.getString("spool-dir")) : Path.of(System.getProperty("java.io.tmpdir"));
    Duration batchTimeout = imports.hasPath("batch-timeout") ? imports.getDuration("batch-timeout") : Duration.ofSeconds(120);
    Duration future = config.hasPath("ballast.ledger.future-tolerance") ? config.getDuration("ballast.ledger.future-tolerance") : Duration.ofMinutes(10);
    Duration transferWindow = imports.hasPath("transfer-window") ? imports.getDuration("transfer-window") : DEFAULT_TRANSFER_WINDOW;
    return new ImportSettings(StatementFormats.of(imports, clock), max, spool, batchTimeout, knownAsset, future, clock, transferWindow);
  }
}
