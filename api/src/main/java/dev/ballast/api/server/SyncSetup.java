package dev.ballast.api.server;

import com.typesafe.config.Config;
import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.secrets.SecretRoutes;
import dev.ballast.api.http.sync.SyncAdapters;
import dev.ballast.api.http.sync.SyncRoutes;
import dev.ballast.engine.account.sync.AccountSync;
import dev.ballast.engine.account.sync.SyncSettings;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.sync.JdbcSyncStore;
import dev.ballast.persistence.vault.MasterKeySource;
import dev.ballast.persistence.vault.SecretVault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault and the account sync (issue 13): the master key loaded (secrets left under an older
 * version it still holds are re-sealed), the sync actors registered and every connected account's
 * actor woken.
 */
public final class SyncSetup {
  private static final Logger LOG = LoggerFactory.getLogger(SyncSetup.class);

  /** The routes it adds. */
  public record Started(SecretRoutes secrets, SyncRoutes sync, SecretVault vault, JdbcSyncStore store) {}

  private SyncSetup() {}

  public static SyncSettings settings(Config config, Clock clock, java.util.concurrent.Executor blocking) {
    Config sync = config.getConfig("ballast.sync");
    Map<String, Duration> intervals = new HashMap<>();
    Config per = sync.getConfig("intervals");
    per.root().keySet().forEach(kind -> intervals.put(kind, per.getDuration(kind)));
    return new SyncSettings(clock, intervals, sync.getDuration("default-interval"), sync.getDuration("min-backoff"),
        sync.getDuration("max-backoff"), blocking);
  }

  public static Started start(ActorSystem<?> system, Config config, Database database, Path dataDir, ApiContext context, Clock clock,
      Function<String, String> env, dev.ballast.engine.ops.alerts.AlertSink alerts) throws IOException {
    MasterKeySource.Loaded keys = MasterKeySource.load(dataDir, env);
    SecretVault vault = new SecretVault(database, keys.keyring());
    if (keys.keyring().versions().size() > 1) {
      int resealed = vault.reseal(keys.keyring(), "server", clock.instant());
      LOG.info("vault: {} secrets re-sealed with master key version {} from {}", resealed, keys.keyring().currentVersion(), keys.keyring().origin());
    }
    LOG.info("vault: master key version {} from {}", keys.keyring().currentVersion(), keys.keyring().origin());
    JdbcSyncStore store = new JdbcSyncStore(database);
    java.util.concurrent.Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    AccountSync.Dependencies deps = new AccountSync.Dependencies(settings(config, clock, blocking), store,
        new SyncAdapters(vault, config.getInt("ballast.sync.page-size")),
        new DiscrepancyAlerts(AccountSync.shardedLedger(system, config.getDuration("ballast.sync.ledger-timeout")), alerts, blocking));
    AccountSync.init(system, deps);
    AccountSync.wakeAll(system, deps).whenComplete((n, e) -> {
      if (e != null) {
        LOG.error("the connected accounts' sync could not be started", e);
      } else {
        LOG.info("sync: {} connected accounts", n);
      }
    });
    return new Started(new SecretRoutes(context, vault, keys, clock), new SyncRoutes(context, system, store, clock),
        vault, store);
  }
}
