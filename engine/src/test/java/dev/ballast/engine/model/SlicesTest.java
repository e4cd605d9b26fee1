package dev.ballast.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlicesTest {
  @Test
  void theSliceIsTheStandardCrc32OfTheIdModuloTheCount() {
    // 0xCBF43926 = 3421780262 is CRC-32's published check value for "123456789"
    assertEquals((int) (3421780262L % 4), new Slices(4).of("123456789"));
    assertEquals((int) (3421780262L % 256), new Slices(256).of("123456789"));
    assertEquals(0, new Slices(1).of("123456789"));
    assertEquals("account-" + (3421780262L % 7), new Slices(7).tag("account", "123456789"));
  }

  @Test
  void idsSpreadOverEverySlice() {
    Slices slices = new Slices(4);
    int[] seen = new int[4];
    for (int i = 0; i < 4000; i++) {
      seen[slices.of("acc-" + i)]++;
    }
    for (int count : seen) {
      assertTrue(count > 800 && count < 1200, "slice sizes " + java.util.Arrays.toString(seen));
    }
  }

  @Test
  void tagsListEverySliceAndTheCountIsBounded() {
    assertEquals(List.of("portfolio-0", "portfolio-1", "portfolio-2"), new Slices(3).tags("portfolio"));
    assertThrows(IllegalArgumentException.class, () -> new Slices(0));
    assertThrows(IllegalArgumentException.class, () -> new Slices(Slices.MAX + 1));
  }
}
