package dev.ballast.engine.report;

import java.time.Instant;
import java.util.List;

/**
 * Port: the fills of some accounts with their intended prices, as the order read side keeps them
 * (persistence implements it); the slippage report, the orders export and the monthly report read it.
 */
@FunctionalInterface
public interface FillSource {
  /**
   * The fills of {@code accounts} with {@code from <= time < until}, in time order; either end null
   * leaves it open.
   */
  List<IntendedFill> fills(List<String> accounts, Instant from, Instant until);
}
