package dev.ballast.engine.analytics.trades;

/** Whether a fill bought or sold. */
public enum Side { BUY, SELL }
