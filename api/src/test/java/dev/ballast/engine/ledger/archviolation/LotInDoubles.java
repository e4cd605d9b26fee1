package dev.ballast.engine.ledger.archviolation;

/** Breaks NO_FLOATING_POINT_IN_THE_LEDGER_MODEL_OR_PORT_VALUES on purpose. */
public record LotInDoubles(String asset, double quantity) {}
