package dev.ballast.engine.ops.jobs;

/** A configured job: its name (unique), what it does and when it runs unless the API changed it. */
public record JobDefinition(String name, JobKind kind, JobSchedule schedule) {
  public JobDefinition {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,99}")) {
      throw new IllegalArgumentException("job name '" + name + "' is not 1-100 of a-z, 0-9 and '-'");
    }
  }
}
