/**
 * Strategy: the policies (threshold rebalancing, later regime allocation, DCA, momentum) behind one
 * policy port, the pure planner that turns drift into order intents, and the Strategy and
 * MarketRegime entities that journal each decision with every input it was made from. Nothing
 * lives here yet: the trading pipeline issue brings the first policy.
 */
package dev.ballast.engine.strategy;
