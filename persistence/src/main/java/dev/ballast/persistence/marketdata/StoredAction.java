package dev.ballast.persistence.marketdata;

import dev.ballast.engine.marketdata.CorporateAction;
import java.time.Instant;

/** A corporate action the store holds, with what became of it. */
public record StoredAction(String source, CorporateAction action, Status status, Instant fetchedAt) {
  /** NEW: not yet handled; APPLIED: a split recorded in the ledgers; SUGGESTED / CONFIRMED / DISMISSED: a dividend. */
  public enum Status { NEW, APPLIED, SUGGESTED, CONFIRMED, DISMISSED }
}
