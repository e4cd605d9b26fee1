package dev.ballast.api.http.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.model.FieldError;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/system/logs?level=&from=&to=&limit=} (admin): the newest lines of the server's
 * current log file, at or above a level, within a time range, for monitoring tools. A line still
 * being written (or not JSON) is skipped.
 */
public final class SystemRoutes extends RouteSupport {
  private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
  public static final int MAX_LIMIT = 1000;

  /** One log line. */
  public record LogEntry(Instant time, String level, String logger, String thread, String message, String throwable) {}

  private final Path logFile;

  /** @param logFile the server's current log file; null when file logging is off */
  public SystemRoutes(ApiContext context, Path logFile) {
    super(context);
    this.logFile = logFile;
  }

  public Route route() {
    return path("logs", () -> get(() -> parameterOptional("level", level -> parameterOptional("from", from -> parameterOptional("to", to ->
        parameterOptional("limit", limit -> completeBlocking(() -> logs(level, from, to, limit))))))));
  }

  private HttpResponse logs(Optional<String> level, Optional<String> from, Optional<String> to, Optional<String> limit) {
    List<FieldError> errors = new ArrayList<>();
    String min = level.map(l -> l.toUpperCase(Locale.ROOT)).orElse("INFO");
    if (!LEVELS.contains(min)) {
      errors.add(new FieldError(0, "level", "one of " + LEVELS + ", got " + level.get()));
    }
    Instant since = instant("from", from, errors);
    Instant until = instant("to", to, errors);
    int most = 200;
    if (limit.isPresent()) {
      try {
        most = Integer.parseInt(limit.get());
      } catch (NumberFormatException e) {
        most = -1;
      }
      if (most < 1 || most > MAX_LIMIT) {
        errors.add(new FieldError(0, "limit", "a whole number from 1 to " + MAX_LIMIT + ", got " + limit.get()));
      }
    }
    if (!errors.isEmpty()) {
      return problem(Problem.invalid("the log query is not valid", errors));
    }
    if (logFile == null) {
      return problem(Problem.notFound("the server writes no log file (ballast.logs.file is off)"));
    }
    int rank = LEVELS.indexOf(min);
    ArrayDeque<LogEntry> newest = new ArrayDeque<>();
    try (BufferedReader reader = Files.newBufferedReader(logFile, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        LogEntry entry = parse(line);
        if (entry == null || LEVELS.indexOf(entry.level()) < rank || since != null && entry.time().isBefore(since)
            || until != null && !entry.time().isBefore(until)) {
          continue;
        }
        newest.addLast(entry);
        if (newest.size() > most) {
          newest.removeFirst();
        }
      }
    } catch (NoSuchFileException e) {
      // nothing logged yet
    } catch (IOException e) {
      return problem(Problem.unavailable("the log file could not be read: " + e.getClass().getSimpleName()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("file", logFile.getFileName().toString());
    body.put("level", min);
    body.put("entries", List.copyOf(newest));
    return json(200, body);
  }

  private static Instant instant(String field, Optional<String> text, List<FieldError> errors) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text.get());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(0, field, "an instant such as 2026-12-02T09:00:00Z, got " + text.get()));
      return null;
    }
  }

  private LogEntry parse(String line) {
    JsonNode node;
    try {
      node = context.json().readTree(line);
    } catch (IOException e) {
      return null;
    }
    if (node == null || !node.path("timestamp").canConvertToLong() || !node.path("level").isTextual()) {
      return null;
    }
    JsonNode thrown = node.path("throwable");
    String throwable = thrown.isObject() ? thrown.path("className").asText() + ": " + thrown.path("message").asText("") : null;
    return new LogEntry(Instant.ofEpochMilli(node.path("timestamp").asLong()), node.path("level").asText(), node.path("loggerName").asText(),
        node.path("threadName").asText(), node.path("formattedMessage").asText(node.path("message").asText()), throwable);
  }
}
