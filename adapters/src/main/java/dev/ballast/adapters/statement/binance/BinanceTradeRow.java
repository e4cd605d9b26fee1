package dev.ballast.adapters.statement.binance;

/**
 * One row of a Binance spot trade export, cells as written: {@code executed}, {@code amount} and
 * {@code fee} have their asset glued on ({@code 0.01500000BTC}); the older layout's separate fee
 * coin is in {@code feeCoin} (null in the current one).
 */
public record BinanceTradeRow(int line, String date, String pair, String side, String price, String executed, String amount, String fee,
    String feeCoin) {}
