package dev.ballast.engine.marketdata.valuation;

/** Whether a line's price can be trusted: fresh, older than its class allows, or absent (never zero). */
public enum PriceStatus { FRESH, STALE, MISSING }
