package dev.ballast.engine.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.ballast.engine.model.ExternalRef;
import org.junit.jupiter.api.Test;

class RecordedRefsTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theJsonFormGroupsIdsBySourceInRecordingOrderAndReadsBackEqual() throws Exception {
    RecordedRefs refs = RecordedRefs.empty()
        .with(new ExternalRef("rakuten-csv", "B-2"), 1)
        .with(new ExternalRef("binance-api", "T-9"), 2)
        .with(new ExternalRef("rakuten-csv", "A-1"), 3);

    String text = json.writeValueAsString(refs);

    assertEquals("{\"binance-api\":{\"ids\":[\"T-9\"],\"sequences\":[2]},"
        + "\"rakuten-csv\":{\"ids\":[\"B-2\",\"A-1\"],\"sequences\":[1,3]}}", text);
    RecordedRefs back = json.readValue(text, RecordedRefs.class);
    assertEquals(refs, back);
    assertEquals(3L, back.find(new ExternalRef("rakuten-csv", "A-1")).orElseThrow());
    assertTrue(back.find(new ExternalRef("binance-api", "A-1")).isEmpty(), "the same id at another source is another record");
    // read back, it keeps the recording order: one more id lands where it would have without the round trip
    ExternalRef next = new ExternalRef("binance-api", "T-10");
    assertEquals(json.writeValueAsString(refs.with(next, 4)), json.writeValueAsString(back.with(next, 4)));
  }

  @Test
  void referencesThatOnlyDifferInWhereTheSourceEndsAreDistinct() throws Exception {
    ExternalRef a = new ExternalRef("x\u001fy", "z");
    ExternalRef b = new ExternalRef("x", "y\u001fz");
    ExternalRef c = new ExternalRef("1:x", "y");
    ExternalRef d = new ExternalRef("1", ":xy");
    RecordedRefs refs = RecordedRefs.empty().with(a, 1).with(b, 2).with(c, 3).with(d, 4);

    assertEquals(4, refs.size());
    assertEquals(java.util.OptionalLong.of(1), refs.find(a));
    assertEquals(java.util.OptionalLong.of(2), refs.find(b));
    assertEquals(java.util.OptionalLong.of(4), refs.find(d));
    assertEquals(refs, json.readValue(json.writeValueAsBytes(refs), RecordedRefs.class));
    for (ExternalRef ref : java.util.List.of(a, b, c, d)) {
      assertEquals(ref, ExternalRef.fromKey(ref.key()));
    }
  }

  @Test
  void idsWithoutAsManySequencesAreRejected() {
    Exception e = assertThrows(Exception.class,
        () -> json.readValue("{\"x\":{\"ids\":[\"a\",\"b\"],\"sequences\":[1]}}", RecordedRefs.class));
    assertTrue(e.getMessage().contains("2 ids but 1 sequences"), e.getMessage());
  }

  @Test
  void aMalformedFormIsRejected() {
    assertThrows(MismatchedInputException.class, () -> json.readValue("[1, 2]", RecordedRefs.class));
  }
}
