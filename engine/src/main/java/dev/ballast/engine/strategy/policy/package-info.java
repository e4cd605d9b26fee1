/**
 * Policies beyond threshold rebalancing: 12-1 momentum sector rotation (and later DCA, staggered
 * buckets, the planner across accounts). Each is a pure function of the inputs it is given.
 */
package dev.ballast.engine.strategy.policy;
