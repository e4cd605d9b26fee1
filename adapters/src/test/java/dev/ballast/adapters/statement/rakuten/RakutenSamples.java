package dev.ballast.adapters.statement.rakuten;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The sample exports, CP932 as Rakuten writes them, built from shared/formats/rakuten.md. */
final class RakutenSamples {
  static final String JP = "tradehistory(JP)_20260110.csv";
  static final String US = "tradehistory(US)_20260110.csv";
  static final String FUND = "tradehistory(INVST)_20260110.csv";
  static final String HOLDINGS = "assetbalance(all)_20260110_153000.csv";
  static final String FUND_NAME = "eMAXIS Slim 全世界株式（オール・カントリー）";

  private RakutenSamples() {}

  static byte[] bytes(String name) {
    try (InputStream in = RakutenSamples.class.getResourceAsStream("/dev/ballast/adapters/statement/rakuten/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
