package dev.ballast.api.http.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.strategy.PolicySettings;
import dev.ballast.engine.strategy.StrategyConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of the DCA and bucket policies, as a PUT of a strategy sends them. */
class StrategyRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static StrategyRequest request(String policy, String settings) throws Exception {
    return JSON.readValue("""
        {"policy": "%s", "absoluteBandPercent": 5, "minTradeValue": {"amount": 1000, "currency": "JPY"},
         "rules": [{"asset": "BTC", "account": "paper", "instrument": "BTC/JPY"}], "policySettings": %s}
        """.formatted(policy, settings), StrategyRequest.class);
  }

  @Test
  void dcaSettingsBecomeTheConfiguration() throws Exception {
    List<FieldError> errors = new ArrayList<>();
    StrategyConfig config = request("dca", "{\"dca\": {\"amount\": {\"amount\": 30000, \"currency\": \"JPY\"}, \"period\": \"P7D\"}}")
        .toConfig(errors);

    assertEquals(List.of(), errors);
    assertEquals(new PolicySettings(new PolicySettings.Dca(Money.of("30000", "JPY"), Duration.ofDays(7)), null), config.policySettings());
  }

  @Test
  void regimeAndMomentumSettingsAreCheckedNamingTheirField() throws Exception {
    List<FieldError> errors = new ArrayList<>();
    StrategyConfig config = request("regime-allocation",
        "{\"regime\": {\"groups\": {\"BTC\": \"BTC\", \"USDC\": \"STABLE\"}, \"objective\": \"max-sharpe\", \"windowDays\": 60}}")
        .toConfig(errors);
    assertEquals(List.of(), errors);
    assertEquals(Map.of("BTC", "BTC", "USDC", "STABLE"), config.policySettings().regime().groups());

    List<FieldError> bad = new ArrayList<>();
    assertNull(request("regime-allocation", "{\"regime\": {\"groups\": {\"BTC\": \"GOLD\"}, \"objective\": \"best\", \"windowDays\": 1}}")
        .toConfig(bad));
    assertEquals(List.of("policySettings.regime.groups.BTC", "policySettings.regime.objective", "policySettings.regime.windowDays"),
        bad.stream().map(FieldError::field).toList());

    List<FieldError> top = new ArrayList<>();
    assertNull(request("momentum-rotation", "{\"momentum\": {\"universe\": [\"SXLK.L\"], \"top\": 0}}").toConfig(top));
    assertEquals(List.of("policySettings.momentum.top"), top.stream().map(FieldError::field).toList());
  }

  @Test
  void aBadPeriodOrMissingSettingsNameTheirField() throws Exception {
    List<FieldError> errors = new ArrayList<>();
    assertNull(request("staggered-buckets", "{\"buckets\": {\"period\": \"monthly\"}}").toConfig(errors));
    assertEquals(List.of("policySettings.buckets.period"), errors.stream().map(FieldError::field).toList());

    List<FieldError> missing = new ArrayList<>();
    assertNull(request("staggered-buckets", "null").toConfig(missing));
    assertEquals(List.of("policySettings.buckets.period"), missing.stream().map(FieldError::field).toList());
  }
}
