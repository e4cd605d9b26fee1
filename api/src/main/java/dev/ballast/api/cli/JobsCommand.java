package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast jobs list | run JOB | pause JOB | resume JOB | schedule JOB SPEC}: the server's durable jobs. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "The durable jobs: list them, run one now, pause, resume, reschedule.",
    subcommands = {JobsCommand.ListJobs.class, JobsCommand.Run.class, JobsCommand.Pause.class, JobsCommand.Resume.class,
        JobsCommand.Schedule.class})
public final class JobsCommand {
  static final List<String> COLUMNS = List.of("name", "schedule", "zone", "paused", "lastRunAt", "lastOutcome", "lastDuration", "nextRun");

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Each job's schedule, last run, outcome, duration and next run.")
  static final class ListJobs implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().get("api/jobs"));
      PrintWriter out = spec.commandLine().getOut();
      if (client.json) {
        out.println(reply.toPrettyString());
      } else {
        Table.print(out, reply.path("jobs"), COLUMNS);
      }
      out.flush();
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a job now, paused or not.")
  static final class Run implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "the job's name (see jobs list)") String job;

    @Override
    public void run() {
      act(client, spec, job, "run", r -> job + " runs now");
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a job: its runs are skipped until resume.")
  static final class Pause implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "the job's name") String job;

    @Override
    public void run() {
      act(client, spec, job, "pause", r -> job + " paused");
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused job.")
  static final class Resume implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "the job's name") String job;

    @Override
    public void run() {
      act(client, spec, job, "resume", r -> job + " resumed; next run " + r.path("nextRun").asText());
    }
  }

  /** POSTs one of a job's actions and prints the line the reply makes. */
  static void act(ClientOptions client, CommandSpec spec, String job, String action, java.util.function.Function<JsonNode, String> line) {
    JsonNode reply = client.expectOk(client.client().post("api/jobs/" + job + "/" + action, Map.of()));
    KillSwitchCommand.print(spec, client, reply, line.apply(reply));
  }

  @Command(name = "schedule", mixinStandardHelpOptions = true, description = "Change a job's schedule (kept in the database).")
  static final class Schedule implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "the job's name") String job;
    @Parameters(index = "1", description = "every:<n><s|m|h|d> or \"cron:<second minute hour day month weekday>\"") String schedule;
    @Option(names = "--zone", description = "time zone of a cron schedule (default: the job's)") String zone;

    @Override
    public void run() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("schedule", schedule);
      if (zone != null) {
        body.put("zone", zone);
      }
      JsonNode reply = client.expectOk(client.client().put("api/jobs/" + job + "/schedule", body));
      KillSwitchCommand.print(spec, client, reply, job + " now " + reply.path("schedule").asText() + " (" + reply.path("zone").asText()
          + "); next run " + reply.path("nextRun").asText());
    }
  }
}
