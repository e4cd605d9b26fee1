package dev.ballast.adapters.archviolation;

import dev.ballast.engine.account.AccountLedger;

/** Breaks ADAPTERS_STAY_OUT_OF_ENTITIES_AND_ACTORS on purpose: an adapter that reaches into an entity. */
public final class AdapterCallingAnEntity {
  public static Class<?> entity() {
    return AccountLedger.class;
  }
}
