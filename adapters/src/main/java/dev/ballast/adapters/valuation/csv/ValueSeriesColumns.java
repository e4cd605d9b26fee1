package dev.ballast.adapters.valuation.csv;

/** Where the date, value and (optional, -1) flow columns are in a value series file, and how many columns it has. */
public record ValueSeriesColumns(int date, int value, int flow, int count) {}
