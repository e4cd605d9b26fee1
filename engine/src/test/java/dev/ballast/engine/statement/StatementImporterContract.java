package dev.ballast.engine.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StatementImporter} does, whatever its format. An importer's test extends this
 * with a sample file of its format, as the venue writes it (test resources), and the number of
 * transactions in it.
 */
public abstract class StatementImporterContract {

  protected abstract StatementImporter importer();

  /** A file of the format without errors, of three or more transactions. */
  protected abstract byte[] validSample();

  /** How many transactions {@link #validSample()} holds. */
  protected abstract int transactionsInValidSample();

  protected final StatementResult readAll(byte[] content) {
    return importer().readAll("sample", new ByteArrayInputStream(content));
  }

  private static byte[] head(byte[] content) {
    return Arrays.copyOf(content, Math.min(content.length, StatementImporter.HEAD_BYTES));
  }

  @Test
  void itRecognisesItsOwnFormatAndNotOthers() {
    assertTrue(importer().recognises(head(validSample())), "the valid sample is recognised");
    assertFalse(importer().recognises(new byte[0]), "an empty file is not recognised");
    assertFalse(importer().recognises("date,value\n2024-01-01,1\n".getBytes(StandardCharsets.UTF_8)), "a value series CSV is not recognised");
  }

  @Test
  void theValidSampleGivesItsTransactionsInFileOrderWithoutErrors() {
    StatementResult result = readAll(validSample());
    assertEquals(List.of(), result.errors());
    assertEquals(transactionsInValidSample(), result.transactions().size());
    List<Integer> lines = result.rows().stream().map(StatementRow::line).toList();
    assertEquals(lines.stream().sorted().toList(), lines, "rows come in file order");
  }

  @Test
  void readingTheSameFileTwiceGivesTheSameTransactionsAndReferences() {
    // the references make a second import record nothing
    assertEquals(readAll(validSample()).rows(), readAll(validSample()).rows());
  }

  @Test
  void aFileCutShortIsReportedNotThrown() {
    // cuts before the last row: a cut inside the last field of the last row can leave a valid row
    byte[] valid = validSample();
    for (int cut : new int[] {valid.length / 3, valid.length / 2}) {
      StatementResult result = readAll(Arrays.copyOf(valid, cut));
      assertTrue(result.rows().size() < transactionsInValidSample() || !result.isClean(),
          "a file cut at byte " + cut + " of " + valid.length + " is not read as complete: " + result);
    }
  }

  @Test
  void garbageBytesAreAnErrorNotAnException() {
    byte[] garbage = new byte[512];
    new java.util.Random(7).nextBytes(garbage);
    StatementResult result = readAll(garbage);
    assertFalse(result.isClean());
    assertEquals(List.of(), result.rows());
  }

  @Test
  void anInputThatFailsIsAnUnreadableFile() {
    InputStream failing = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("disk gone");
      }
    };
    StatementResult result = importer().readAll("sample", failing);
    assertEquals(List.of(), result.rows());
    assertTrue(result.errors().stream().anyMatch(e -> e instanceof StatementError.UnreadableFile), result.errors().toString());
  }
}
