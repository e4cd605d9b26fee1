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
    subcommands = {AuditCommand.Log.class, AuditCommand.State.class, AuditCommand.Verify.class, AuditCommand.Explain.class})
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

  /** The journal scan and the journal's JSON mapper of the same database, for commands that read events themselves. */
  static final class ScanOptions {
    @picocli.CommandLine.Mixin DatabaseOptions db;

    <T> T withScan(java.util.function.BiFunction<dev.ballast.persistence.journal.JournalScan, ObjectMapper, T> work) {
      Config loaded = BallastConfig.local(BallastConfig.load(db.config, db.data, null));
      DatabaseSettings settings = BallastConfig.database(loaded);
      if (settings.kind() == DatabaseSettings.Kind.H2 && !Files.exists(BallastConfig.dataDir(loaded).resolve("ballast.mv.db"))) {
        throw new CliException("no database at " + BallastConfig.dataDir(loaded).resolve("ballast.mv.db") + " (give --data DIR)");
      }
      ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "ballast-audit", loaded);
      try (Database database = Database.open(settings)) {
        ObjectMapper json = org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider.get(system)
            .getOrCreate("jackson-json", java.util.Optional.empty());
        return work.apply(dev.ballast.persistence.journal.JournalScan.of(system, database), json);
      } catch (RuntimeException e) {
        if (String.valueOf(e.getMessage()).contains("locked by another process") || String.valueOf(e.getMessage()).contains("already in use")) {
          throw new CliException("the database is in use by a running server: stop it, or use the API on the server");
        }
        throw e;
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
      }
    }
  }

  @Command(name = "explain", mixinStandardHelpOptions = true,
      description = "Show a strategy decision's inputs, run its policy again on them, print both; exit 1 where they differ.")
  static final class Explain implements Callable<Integer> {
    @picocli.CommandLine.Mixin ScanOptions scan;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "DECISION_ID", description = "PORTFOLIO:N, as the decision lists show it") String decisionId;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        dev.ballast.engine.strategy.Strategy.portfolioOf(decisionId);
      } catch (IllegalArgumentException e) {
        throw new CliException("DECISION_ID: " + e.getMessage());
      }
      return scan.withScan((journal, json) -> {
        var decision = new dev.ballast.persistence.strategy.DecisionLookup(journal).find(decisionId)
            .orElseThrow(() -> new CliException("no decision " + decisionId + " in the journal"));
        var explanation = dev.ballast.engine.strategy.DecisionReplay.explain(decision);
        var pretty = json.writerWithDefaultPrettyPrinter();
        try {
          out.println("decision " + decision.decisionId() + " (" + decision.policy() + ", " + decision.mode() + ") at " + decision.decidedAt());
          out.println("inputs:");
          out.println(pretty.writeValueAsString(decision.inputs()));
          out.println("journaled plan:");
          out.println(pretty.writeValueAsString(decision.plan()));
          out.println("replayed plan:");
          out.println(explanation.replayed() == null ? "none" : pretty.writeValueAsString(explanation.replayed()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
        explanation.differences().forEach(d -> out.println("DIFFERENT " + d));
        out.println(explanation.identical() ? "identical: the replayed plan is the journaled one"
            : explanation.differences().size() + " difference(s)");
        out.flush();
        return explanation.identical() ? 0 : 1;
      });
    }
  }

  @Command(name = "log", mixinStandardHelpOptions = true, description = "Print an entity's events in order as JSON lines.")
  static final class Log implements Callable<Integer> {
    @picocli.CommandLine.Mixin DatabaseOptions db;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ENTITY", description = "account:ID, portfolio:ID, strategy:ID, execution:ID, kill-switch:global or a persistence id") String entity;

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
