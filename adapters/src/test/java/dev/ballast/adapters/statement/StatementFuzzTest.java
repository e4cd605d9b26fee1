package dev.ballast.adapters.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every built-in format against damaged copies of its sample (cut anywhere, bytes flipped, garbage,
 * the wrong encoding): the importer reports, never throws, and a damaged file never reads as the
 * complete sample without an error. Seeds are fixed, so a failure repeats.
 */
class StatementFuzzTest {
  record Sample(StatementImporter importer, byte[] bytes) {}

  static byte[] resource(String path) {
    try (InputStream in = StatementFuzzTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Sample> samples() {
    String r = "/dev/ballast/adapters/statement/rakuten/";
    Map<String, String> funds = Map.of();
    var all = StatementFormats.builtIn(funds, Clock.systemUTC());
    java.util.function.Function<String, StatementImporter> named =
        name -> all.stream().filter(i -> i.format().name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no format " + name));
    // the CP932 formats first (subList(0, 4)), then the UTF-8 ones, the formats of the import issue from index 6
    return List.of(
        new Sample(named.apply("rakuten-jp-trades"), resource(r + "tradehistory(JP)_20260110.csv")),
        new Sample(named.apply("rakuten-us-trades"), resource(r + "tradehistory(US)_20260110.csv")),
        new Sample(named.apply("rakuten-fund-trades"), resource(r + "tradehistory(INVST)_20260110.csv")),
        new Sample(named.apply("rakuten-holdings"), resource(r + "assetbalance(all)_20260110_153000.csv")),
        new Sample(named.apply("binance-spot-trades"), resource("/dev/ballast/adapters/statement/binance/binance_spot_trades.csv")),
        new Sample(named.apply("ibkr-flex"), resource("/dev/ballast/adapters/statement/ibkr/ibkr_flex.csv")),
        new Sample(named.apply("kraken-ledgers"), resource("/dev/ballast/adapters/statement/kraken/ledgers.csv")),
        new Sample(named.apply("coinbase-transactions"), resource("/dev/ballast/adapters/statement/coinbase/coinbase_transactions.csv")),
        new Sample(named.apply("binance-statement"), resource("/dev/ballast/adapters/statement/binance/binance_transaction_history.csv")),
        new Sample(named.apply("kraken-trades"), resource("/dev/ballast/adapters/statement/kraken/trades.csv")),
        new Sample(named.apply("ibkr-activity-statement"), resource("/dev/ballast/adapters/statement/ibkr/ibkr_activity_statement.csv")));
  }

  static StatementResult read(StatementImporter importer, byte[] bytes) {
    return importer.readAll("fuzz.csv", new ByteArrayInputStream(bytes));
  }

  static int size(StatementResult r) {
    return r.rows().size() + r.balances().size();
  }

  @Test
  void aFileCutAtAnyByteIsNeverReadAsTheWholeFileWithoutAnError() {
    for (Sample s : samples()) {
      StatementResult whole = read(s.importer(), s.bytes());
      assertTrue(whole.isClean(), s.importer().format().name() + ": " + whole.errors());
      // cut before the last line break: the last row can never be complete (holdings: before the FX section, which holds no
      // balance; an IBKR statement: before its closing Codes section, which holds no transaction)
      String text = new String(s.bytes(), java.nio.charset.Charset.forName("windows-31j"));
      int fx = text.indexOf("■参考為替レート");
      int codes = new String(s.bytes(), StandardCharsets.UTF_8).indexOf("\nCodes,Header");
      int lastBreak = fx > 0 ? text.substring(0, fx).getBytes(java.nio.charset.Charset.forName("windows-31j")).length - 3
          : codes > 0 ? new String(s.bytes(), StandardCharsets.UTF_8).substring(0, codes).getBytes(StandardCharsets.UTF_8).length - 1
          : s.bytes().length - 2;
      while (lastBreak > 0 && s.bytes()[lastBreak] != '\n') {
        lastBreak--;
      }
      for (int cut = 0; cut < lastBreak; cut += 7) {
        StatementResult r = read(s.importer(), Arrays.copyOf(s.bytes(), cut));
        assertTrue(size(r) < size(whole) || !r.isClean(), s.importer().format().name() + " cut at " + cut);
      }
    }
  }

  @Test
  void flippedBytesAndGarbageAreErrorsNotExceptions() {
    Random random = new Random(42);
    for (Sample s : samples()) {
      for (int round = 0; round < 200; round++) {
        byte[] damaged = s.bytes().clone();
        for (int k = 0; k < 1 + random.nextInt(4); k++) {
          damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
        }
        StatementResult r = read(s.importer(), damaged);
        assertTrue(r.errors().stream().allMatch(e -> e.reason() != null && !e.reason().isBlank()));
      }
      byte[] garbage = new byte[4096];
      random.nextBytes(garbage);
      StatementResult r = read(s.importer(), garbage);
      assertFalse(r.isClean(), s.importer().format().name());
      assertEquals(0, size(r));
    }
  }

  @Test
  void aCp932FileReadAsAnotherEncodingAndAUtf8FileAsCp932AreRefused() {
    for (Sample s : samples().subList(0, 4)) {
      byte[] utf8 = new String(s.bytes(), java.nio.charset.Charset.forName("windows-31j")).getBytes(StandardCharsets.UTF_8);
      assertFalse(s.importer().recognises(utf8), s.importer().format().name());
      StatementResult r = read(s.importer(), utf8);
      assertFalse(r.isClean(), s.importer().format().name());
      assertEquals(0, size(r));
      assertTrue(r.errors().get(0) instanceof StatementError.WrongFormat || r.errors().get(0) instanceof StatementError.UnreadableFile);
    }
  }

  @Test
  void aUtf8FileInAnotherEncodingIsRefusedNamingTheLine() {
    for (Sample s : samples().subList(4, samples().size())) {
      String text = new String(s.bytes(), StandardCharsets.UTF_8);
      byte[] utf16 = text.getBytes(StandardCharsets.UTF_16LE);
      assertFalse(s.importer().recognises(utf16), s.importer().format().name());
      StatementResult r = read(s.importer(), utf16);
      assertFalse(r.isClean(), s.importer().format().name());
      assertEquals(0, size(r), s.importer().format().name());
      // a Windows-1252 byte (0x80, the euro sign there) in the middle is not UTF-8: the file is unreadable from that line on
      byte[] latin = s.bytes().clone();
      int at = latin.length * 2 / 3;
      while (latin[at] != '\n') {
        at--;
      }
      latin[at + 1] = (byte) 0x80;
      StatementResult cut = read(s.importer(), latin);
      assertTrue(cut.errors().stream().anyMatch(e -> e instanceof StatementError.UnreadableFile u && u.line() > 1 && u.reason().contains("UTF-8")),
          s.importer().format().name() + ": " + cut.errors());
    }
  }

  @Test
  void everyErrorOfADamagedNewFormatFileNamesItsLine() {
    Random random = new Random(11);
    for (Sample s : samples().subList(6, samples().size())) {
      for (int round = 0; round < 300; round++) {
        byte[] damaged = s.bytes().clone();
        int pos = damaged.length / 4 + random.nextInt(damaged.length * 3 / 4);
        damaged[pos] = (byte) "0123456789,.-\"x".charAt(random.nextInt(15));
        StatementResult r = read(s.importer(), damaged);
        for (StatementError e : r.errors()) {
          assertTrue(e.line() >= 1 || e instanceof StatementError.UnreadableFile, s.importer().format().name() + ": " + e);
          assertTrue(e.message().startsWith("line ") || e.line() == 0, e.message());
        }
      }
    }
  }
}
