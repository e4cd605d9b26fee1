package dev.ballast.engine.analytics.trades;

/** Whether a {@link FillSample} bought or sold (the order side is dev.ballast.engine.execution.Side). */
public enum FillSide { BUY, SELL }
