package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import dev.ballast.api.server.BallastConfig;
import dev.ballast.persistence.audit.AuditRecord;
import dev.ballast.persistence.audit.EntityRef;
import dev.ballast.persistence.audit.JournalAudit;
import dev.ballast.persistence.audit.RebuiltState;
import dev.ballast.persistence.audit.VerifyReport;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ballast audit ...}: reads the journal directly from the database of a stopped server
 * (the running server answers the same questions at /api/audit/...).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Audit the event journal of a stopped server (a running one: GET /api/audit/...).",
    subcommands = {AuditCommand.Log.class, AuditCommand.State.class, AuditCommand.Verify.class})
public final class AuditCommand {

  /** Where the database is. */
  static final class DatabaseOptions {
    @Option(names = "--data", description = "data directory of the embedded database (default: ./data)")
    Path data;

    @Option(names = "--config", description = "HOCON file (e.g. the PostgreSQL profile); BALLAST_DB_* also work")
    Path config;

    <T> T withAudit(Function<JournalAudit, T> work) {
      Config loaded = BallastConfig.local(BallastConfig.load(config, data, null));
      DatabaseSettings settings = BallastConfig.database(loaded);
      if (settings.kind() == DatabaseSettings.Kind.H2) {
        Path file = BallastConfig.dataDir(loaded).resolve("ballast.mv.db");
        if (!Files.exists(file)) {
          throw new CliException("no database at " + file + " (give --data DIR)");
        }
      }
      ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "ballast-audit", loaded);
      try (Database database = Database.open(settings)) {
        return work.apply(new JournalAudit(system, database));
      } catch (RuntimeException e) {
        if (String.valueOf(e.getMessage()).contains("locked by another process") || String.valueOf(e.getMessage()).contains("already in use")) {
          throw new CliException("the database is in use by a running server: stop it, or use GET /api/audit/... on the server");
        }
        throw e;
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
      }
    }
  }

  @Command(name = "log", mixinStandardHelpOptions = true, description = "Print an entity's events in order as JSON lines.")
  static final class Log implements Callable<Integer> {
    @picocli.CommandLine.Mixin DatabaseOptions db;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ENTITY", description = "account:ID, portfolio:ID or a persistence id") String entity;

    @Override
    public Integer call() {
      EntityRef ref = EntityRef.parse(entity);
      PrintWriter out = spec.commandLine().getOut();
      return db.withAudit(audit -> {
        ObjectMapper json = audit.canonicalJson();
        for (AuditRecord r : audit.log(ref)) {
          ObjectNode line = json.createObjectNode();
          line.put("persistenceId", r.persistenceId());
          line.put("sequenceNr", r.sequenceNr());
          line.put("writtenAt", r.writtenAt().toString());
          line.put("eventType", r.eventType());
          line.set("event", json.valueToTree(r.event()));
          out.println(line.toString());
        }
        out.flush();
        return 0;
      });
    }
  }

  @Command(name = "state", mixinStandardHelpOptions = true,
      description = "Rebuild an entity's state from its first event (no snapshots) and print it with its SHA-256.")
  static final class State implements Callable<Integer> {
    @picocli.CommandLine.Mixin DatabaseOptions db;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ENTITY") String entity;
    @Option(names = "--at", description = "only events written up to this instant (ISO-8601)") Instant at;

    @Override
    public Integer call() {
      EntityRef ref = EntityRef.parse(entity);
      PrintWriter out = spec.commandLine().getOut();
      return db.withAudit(audit -> {
        RebuiltState state = audit.state(ref, at);
        try {
          out.println(audit.canonicalJson().writerWithDefaultPrettyPrinter().writeValueAsString(state.state()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
        out.println("events applied: " + state.eventsApplied() + " (up to sequence " + state.lastSequenceNr() + ")"
            + (at != null ? " as of " + at : ""));
        out.println("sha256: " + state.sha256());
        out.flush();
        return 0;
      });
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Rebuild every entity from its events; compare with its snapshot and the read tables. Exit 1 on any mismatch.")
  static final class Verify implements Callable<Integer> {
    @picocli.CommandLine.Mixin DatabaseOptions db;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      return db.withAudit(audit -> {
        VerifyReport report = audit.verify();
        report.mismatches().forEach(m -> out.println("MISMATCH " + m));
        report.notes().forEach(n -> out.println("NOTE " + n));
        out.println("verified " + report.entities() + " entities, " + report.events() + " events: "
            + (report.clean() ? "clean" : report.mismatches().size() + " mismatch(es)"));
        out.flush();
        return report.clean() ? 0 : 1;
      });
    }
  }
}
