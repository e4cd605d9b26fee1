/** Backtesting: the live strategy policies, planner and risk gate run over daily bars on a simulated clock and venue. */
package dev.ballast.engine.backtest;
