package dev.ballast.persistence.audit;

import java.util.List;

/**
 * What {@code audit verify} found: how many entities it rebuilt, every mismatch, and notes that
 * explain some of them (a read side still behind the journal, after a crash of a stopped server).
 */
public record VerifyReport(int entities, long events, List<String> mismatches, List<String> notes) {
  public boolean clean() {
    return mismatches.isEmpty();
  }
}
