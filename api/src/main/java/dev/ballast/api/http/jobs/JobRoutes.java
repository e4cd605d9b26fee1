package dev.ballast.api.http.jobs;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.ops.jobs.JobStatus;
import dev.ballast.persistence.ops.DurableJobs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /api/jobs}: the durable jobs with their schedule, last and next run; run now, pause, resume, reschedule. */
public final class JobRoutes extends RouteSupport {
  private static final int RUNS_SHOWN = 20;
  private final DurableJobs jobs;

  /** {@code jobs} is null when ballast.jobs.enabled is off: every route then answers 503. */
  public JobRoutes(ApiContext context, DurableJobs jobs) {
    super(context);
    this.jobs = jobs;
  }

  public Route route() {
    return concat(
        pathEnd(() -> get(() -> answer(j -> json(200, Map.of("jobs", j.list()))))),
        pathPrefix(PathMatchers.segment(), name -> concat(
            pathEnd(() -> get(() -> answer(j -> {
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("job", j.status(name));
              body.put("runs", j.runs(name, RUNS_SHOWN));
              return json(200, body);
            }))),
            path("run", () -> post(() -> answer(j -> json(202, j.runNow(name))))),
            path("pause", () -> post(() -> answer(j -> json(200, j.pause(name))))),
            path("resume", () -> post(() -> answer(j -> json(200, j.resume(name))))),
            path("schedule", () -> put(() -> body(ScheduleRequest.class, b -> {
              List<FieldError> errors = new ArrayList<>();
              if (b.schedule() == null) {
                errors.add(new FieldError(0, "schedule", "is missing; expected every:<n><s|m|h|d> or cron:<six fields>"));
              } else {
                InputLimits.text(0, "schedule", b.schedule(), InputLimits.JOB_SCHEDULE, errors);
              }
              if (b.zone() != null) {
                InputLimits.text(0, "zone", b.zone(), InputLimits.TIME_ZONE, errors);
              }
              if (!errors.isEmpty()) {
                return refused(errors);
              }
              return answer(j -> {
                try {
                  JobStatus s = j.reschedule(name, b.schedule(), b.zone());
                  return json(200, s);
                } catch (IllegalArgumentException e) {
                  return problem(Problem.invalid(e.getMessage(), List.of(new FieldError(0, "schedule", e.getMessage()))));
                }
              });
            }))))));
  }

  private Route answer(Function<DurableJobs, HttpResponse> work) {
    if (jobs == null) {
      return complete(problem(Problem.unavailable("the job scheduler is off (ballast.jobs.enabled)")));
    }
    return completeBlocking(() -> {
      try {
        return work.apply(jobs);
      } catch (NoSuchElementException e) {
        return problem(Problem.notFound(e.getMessage()));
      } catch (IllegalStateException e) {
        return problem(Problem.conflict(e.getMessage()));
      }
    });
  }
}
