package dev.ballast.persistence.audit;

import java.util.List;

/** What {@code audit verify} found: how many entities it rebuilt, and every mismatch. */
public record VerifyReport(int entities, long events, List<String> mismatches) {
  public boolean clean() {
    return mismatches.isEmpty();
  }
}
