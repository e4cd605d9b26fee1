package dev.ballast.adapters.valuation.csv;

/**
 * One data line of a value series CSV as written, before any parsing: the cells of the date, value
 * and flow columns (flow empty when the file has no such column).
 */
public record ValueSeriesRow(long line, String date, String value, String flow) {}
