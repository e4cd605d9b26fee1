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
 * long one batch may take, and the ledger's own checks (known assets, future tolerance, clock).
 */
public record ImportSettings(
    StatementFormats formats, long maxFileBytes, Path spoolDir, Duration batchTimeout, Predicate<AssetId> knownAsset,
    Duration futureTolerance, Clock clock) {

  public static ImportSettings from(Config config, Predicate<AssetId> knownAsset, Clock clock) {
    Config imports = config.hasPath("ballast.imports") ? config.getConfig("ballast.imports") : ConfigFactory.empty();
    long max = imports.hasPath("max-file-size") ? imports.getBytes("max-file-size") : 1L << 30;
    Path spool = imports.hasPath("spool-dir") && !imports.getString("spool-dir").isBlank()
        ? Path.of(imports.getString("spool-dir")) : Path.of(System.getProperty("java.io.tmpdir"));
    Duration batchTimeout = imports.hasPath("batch-timeout") ? imports.getDuration("batch-timeout") : Duration.ofSeconds(120);
    Duration future = config.hasPath("ballast.ledger.future-tolerance") ? config.getDuration("ballast.ledger.future-tolerance") : Duration.ofMinutes(10);
    return new ImportSettings(StatementFormats.of(imports, clock), max, spool, batchTimeout, knownAsset, future, clock);
  }
}
