package dev.ballast.api.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import dev.ballast.persistence.db.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the configuration once: flags over the user's file over application.conf over the
 * reference defaults, then the database wiring on top.
 */
public final class BallastConfig {
  private BallastConfig() {}

  /**
   * @param configFile the user's HOCON file, or null
   * @param dataDir overrides {@code ballast.data-dir}, or null
   * @param port overrides {@code ballast.http.port}, or null
   */
  public static Config load(Path configFile, Path dataDir, Integer port) {
    return load(configFile, dataDir, port, ConfigFactory.empty());
  }

  /** @param overrides settings over the defaults, under the user's file (the demo's) */
  public static Config load(Path configFile, Path dataDir, Integer port, Config overrides) {
    Config base = overrides.withFallback(ConfigFactory.parseResources("application.conf"));
    if (configFile != null) {
      if (!Files.isReadable(configFile)) {
        throw new IllegalArgumentException("--config: cannot read " + configFile);
      }
      base = ConfigFactory.parseFile(configFile.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)).withFallback(base);
    }
    if (dataDir != null) {
      base = base.withValue("ballast.data-dir", ConfigValueFactory.fromAnyRef(dataDir.toString()));
    }
    if (port != null) {
      base = base.withValue("ballast.http.port", ConfigValueFactory.fromAnyRef(port));
    }
    Config resolved = base.withFallback(ConfigFactory.defaultReference()).resolve();
    DatabaseSettings db = DatabaseSettings.from(resolved, dataDir(resolved));
    return db.pekkoConfig().withFallback(resolved);
  }

  public static Path dataDir(Config config) {
    return Path.of(config.getString("ballast.data-dir")).toAbsolutePath().normalize();
  }

  public static DatabaseSettings database(Config config) {
    return DatabaseSettings.from(config, dataDir(config));
  }

  /** A config for a process that only reads the journal (audit, bench): no remoting, no cluster. */
  public static Config local(Config config) {
    return ConfigFactory.parseString("pekko.actor.provider = local").withFallback(config);
  }
}
