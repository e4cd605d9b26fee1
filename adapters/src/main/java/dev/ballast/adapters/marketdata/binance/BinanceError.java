package dev.ballast.adapters.marketdata.binance;

/** Binance's error body, {@code {"code":-1121,"msg":"Invalid symbol."}}. */
public record BinanceError(Integer code, String msg) {
  /** The code Binance gives an unknown symbol. */
  public static final int INVALID_SYMBOL = -1121;
}
