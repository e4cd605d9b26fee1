package dev.ballast.engine.strategy;

import java.time.Instant;

/**
 * The part of a decision's inputs that the entity adds to what was gathered: the time of the
 * decision, the policy's settings and the state the previous decision left.
 */
public record PolicyContext(Instant asOf, PolicySettings settings, PolicyState state) {
  public PolicyContext {
    state = state == null ? PolicyState.NONE : state;
  }
}
