package dev.ballast.api.http.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.TaxWrapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerSettingsTest {

  @Test
  void theShippedConfigurationHasTheJapaneseRates() {
    PlannerSettings s = PlannerSettings.from(ConfigFactory.parseFile(Path.of("../config/application.conf").toFile()).resolve());
    assertEquals(0, new BigDecimal("0.20315").compareTo(s.tax().rate(TaxWrapper.SPECIFIC)));
    assertEquals(0, BigDecimal.ZERO.compareTo(s.tax().rate(TaxWrapper.NISA)));
    assertTrue(s.tax().lossesOffsetGains());
  }

  @Test
  void aVenueOverridesTheDefaultAndBadFiguresNameTheKey() {
    PlannerSettings s = PlannerSettings.from(ConfigFactory.parseString("""
        ballast.planner {
          tax { losses-offset-gains = false, rates { GENERAL = 0.1 } }
          default-venue { fee-rate = 0.001 }
          venues { rakuten { minimum-order = 100, quantity-scale = 0, assets = ["7203.T"] } }
        }"""));
    assertFalse(s.tax().lossesOffsetGains());
    assertEquals(0, new BigDecimal("0.1").compareTo(s.tax().rate(TaxWrapper.GENERAL)));
    assertEquals(0, new BigDecimal("0.20315").compareTo(s.tax().rate(TaxWrapper.SPECIFIC)));
    PlannerSettings.Venue rakuten = s.venue("rakuten");
    assertEquals(0, new BigDecimal("0.001").compareTo(rakuten.feeRate()));
    assertEquals(0, new BigDecimal("100").compareTo(rakuten.minimumOrder()));
    assertEquals(0, rakuten.quantityScale());
    assertEquals(Set.of(AssetId.of("7203.T")), rakuten.assets().orElseThrow());
    assertEquals(8, s.venue("other").quantityScale());

    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> PlannerSettings.from(ConfigFactory.parseString(
        "ballast.planner.tax.rates { SPECIFIC = 1.5 }")));
    assertTrue(bad.getMessage().contains("ballast.planner.tax.SPECIFIC"), bad.getMessage());
    IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> PlannerSettings.from(ConfigFactory.parseString(
        "ballast.planner.tax.rates { ISA = 0 }")));
    assertTrue(kind.getMessage().contains("ballast.planner.tax.rates.ISA"), kind.getMessage());
  }
}
