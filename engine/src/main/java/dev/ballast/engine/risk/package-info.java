/**
 * Risk: the pre-trade checks every order intent passes before execution (holdings and cash
 * available, maximum order value and daily turnover, limit price within a band of the latest
 * price, a price not stale, the instrument allowed for the account) and the persisted kill switch.
 * Each check is a pure function of the intent and the state it names; a rejection is an event
 * with its reason. Nothing lives here yet: the trading pipeline issue brings the RiskGate.
 */
package dev.ballast.engine.risk;
