package dev.ballast.engine.statement;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Test double of {@link StatementImporter}: a trivial UTF-8 format, the header
 * {@value #HEADER} and then one transaction per line (type BALANCE: a holding observed at that
 * time, with no id), so tests of what consumes importers (the
 * import command, atomic batches, --skip-invalid) need no real broker file. Shared through the
 * engine test-jar.
 */
public final class LineStatementImporter implements StatementImporter {
  public static final String HEADER = "type,timestamp,asset,quantity,id,wrapper";
  public static final String SOURCE = "lines";
  private static final StatementFormat FORMAT = new StatementFormat("test-lines", "UTF-8 text with the header " + HEADER);

  @Override
  public StatementFormat format() {
    return FORMAT;
  }

  @Override
  public boolean recognises(byte[] head) {
    return new String(head, StandardCharsets.UTF_8).startsWith(HEADER);
  }

  @Override
  public void read(String file, InputStream content, StatementSink sink) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    int line = 0;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(content, decoder))) {
      String text;
      while ((text = reader.readLine()) != null) {
        line++;
        if (line == 1) {
          if (!text.equals(HEADER)) {
            sink.error(new StatementError.WrongFormat("the header " + HEADER, "\"" + text + "\""));
            return;
          }
        } else if (!text.isBlank()) {
          row(line, text, sink);
        }
      }
      if (line == 0) {
        sink.error(new StatementError.UnreadableFile(0, "empty file, expected the header " + HEADER));
      }
    } catch (CharacterCodingException e) {
      sink.error(new StatementError.UnreadableFile(line + 1, "not UTF-8"));
    } catch (IOException e) {
      sink.error(new StatementError.UnreadableFile(line + 1, "cannot be read: " + e.getMessage()));
    }
  }

  private static void row(int line, String text, StatementSink sink) {
    String[] cells = text.split(",", -1);
    if (cells.length != 6) {
      sink.error(new StatementError.InvalidRow(line, null, cells.length + " fields, expected 6"));
      return;
    }
    TransactionType type = null;
    Instant at;
    TaxWrapper wrapper = null;
    boolean balance = cells[0].equals("BALANCE");
    try {
      type = balance ? null : TransactionType.valueOf(cells[0]);
    } catch (IllegalArgumentException e) {
      sink.error(new StatementError.InvalidRow(line, "type", "unknown type \"" + cells[0] + "\""));
      return;
    }
    try {
      at = Instant.parse(cells[1]);
    } catch (DateTimeParseException e) {
      sink.error(new StatementError.InvalidRow(line, "timestamp", "not an ISO instant: \"" + cells[1] + "\""));
      return;
    }
    if (!cells[5].isEmpty()) {
      try {
        wrapper = TaxWrapper.valueOf(cells[5]);
      } catch (IllegalArgumentException e) {
        sink.error(new StatementError.InvalidRow(line, "wrapper", "unknown wrapper \"" + cells[5] + "\""));
        return;
      }
    }
    if (balance) {
      Quantity quantity;
      AssetId asset;
      try {
        quantity = Quantity.of(cells[3]);
        asset = AssetId.of(cells[2]);
      } catch (NumberFormatException e) {
        sink.error(new StatementError.InvalidRow(line, "quantity", "not a number: \"" + cells[3] + "\""));
        return;
      } catch (IllegalArgumentException e) {
        sink.error(new StatementError.InvalidRow(line, "asset", e.getMessage()));
        return;
      }
      if (quantity.signum() < 0) {
        sink.error(new StatementError.InvalidRow(line, "quantity", "a holding is not negative: " + quantity));
        return;
      }
      sink.balance(new StatementBalance(line, at, asset, quantity, wrapper));
      return;
    }
    if (cells[4].isEmpty()) {
      sink.error(new StatementError.InvalidRow(line, "id", "missing"));
      return;
    }
    Transaction tx;
    try {
      tx = Transaction.builder(type).at(at).asset(cells[2]).quantity(cells[3]).ref(SOURCE, cells[4]).build();
    } catch (NumberFormatException e) {
      sink.error(new StatementError.InvalidRow(line, "quantity", "not a number: \"" + cells[3] + "\""));
      return;
    } catch (IllegalArgumentException e) {
      sink.error(new StatementError.InvalidRow(line, "asset", e.getMessage()));
      return;
    }
    sink.row(new StatementRow(line, tx, wrapper));
  }
}
