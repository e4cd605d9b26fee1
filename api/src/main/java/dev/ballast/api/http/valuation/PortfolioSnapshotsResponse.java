package dev.ballast.api.http.valuation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ballast.persistence.ops.PortfolioSnapshotStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/valuation/portfolios/{id}/snapshots}: the stored daily snapshots of a portfolio
 * from {@code from} to {@code to}, oldest first; a day without one is absent.
 */
public record PortfolioSnapshotsResponse(String portfolio, String from, String to, List<Snapshot> snapshots) {

  /**
   * One day's snapshot as the job stored it: its value at the end of the day (exact), the day's
   * external flow (in the value), whether every holding was valued, what was not (left out of the
   * value), the run that wrote it, and {@code replaced}: the figures earlier runs wrote before a
   * refill, oldest first ({@code revision} counts them).
   */
  public record Snapshot(String date, String currency, BigDecimal value, BigDecimal flow, boolean complete, int stale,
      List<String> missing, @JsonProperty("run_id") String runId, @JsonProperty("recorded_at") Instant recordedAt, int revision,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Replaced> replaced) {}

  /** Figures a refill replaced: as they were, and the run that replaced them and when. */
  public record Replaced(String currency, BigDecimal value, BigDecimal flow, boolean complete, int stale, List<String> missing,
      @JsonProperty("run_id") String runId, @JsonProperty("recorded_at") Instant recordedAt,
      @JsonProperty("replaced_by") String replacedBy, @JsonProperty("replaced_at") Instant replacedAt) {}

  static PortfolioSnapshotsResponse of(String portfolio, LocalDate from, LocalDate to, List<PortfolioSnapshotStore.Row> rows,
      List<PortfolioSnapshotStore.Revision> revisions) {
    Map<LocalDate, List<Replaced>> replaced = new HashMap<>();
    for (PortfolioSnapshotStore.Revision r : revisions) {
      PortfolioSnapshotStore.Row old = r.replaced();
      replaced.computeIfAbsent(old.day(), d -> new ArrayList<>()).add(new Replaced(old.currency(), old.value(), old.flow(), old.complete(),
          old.stale(), old.missing(), old.runId(), old.recordedAt(), r.replacedBy(), r.replacedAt()));
    }
    List<Snapshot> snapshots = rows.stream().map(s -> new Snapshot(s.day().toString(), s.currency(), s.value(), s.flow(), s.complete(),
        s.stale(), s.missing(), s.runId(), s.recordedAt(), s.revision(), replaced.getOrDefault(s.day(), List.of()))).toList();
    return new PortfolioSnapshotsResponse(portfolio, from.toString(), to.toString(), snapshots);
  }
}
