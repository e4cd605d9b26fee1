package dev.ballast.engine.execution.archviolation;

/** Breaks NO_FLOATING_POINT_IN_THE_LEDGER_MODEL_OR_PORT_VALUES on purpose, with a boxed Double in a port value. */
public record FillInBoxedDoubles(Double price) {}
