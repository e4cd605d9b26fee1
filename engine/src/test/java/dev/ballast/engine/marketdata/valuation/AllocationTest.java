package dev.ballast.engine.marketdata.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.portfolio.TargetAllocation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Allocation of the SnapshotTest fixture (in yen: cash 1,000,000, Toyota 350,000, VT 150,000, BTC 5,250,000, the fund unpriced). */
class AllocationTest {
  private static BigDecimal d(String v) {
    return v == null ? null : new BigDecimal(v);
  }

  private static Allocation.Row row(String key, String value, String weight, String target, String points, String delta) {
    return new Allocation.Row(key, d(value), d(weight), d(target), d(points), d(delta));
  }

  @Test
  void byClassEveryTargetGetsItsDeltaAndTheUnpricedFundIsCountedAsUnvalued() {
    TargetAllocation target = new TargetAllocation(TargetAllocation.Kind.ASSET_CLASS, List.of(
        new TargetAllocation.Target("CRYPTO", d("50")), new TargetAllocation.Target("ETF", d("30")),
        new TargetAllocation.Target("EQUITY", d("10")), new TargetAllocation.Target("CASH", d("10"))), Map.of());
    Allocation a = Allocation.of(SnapshotTest.in(SnapshotTest.JPY), target, Allocation.Scope.ALL);
    assertEquals(d("6750000"), a.total());
    assertEquals(1, a.unvalued());
    assertEquals(List.of(
        row("CRYPTO", "5250000", "77.7778", "50", "-27.7778", "-1875000"),
        row("ETF", "150000", "2.2222", "30", "27.7778", "1875000"),
        row("EQUITY", "350000", "5.1852", "10", "4.8148", "325000"),
        row("CASH", "1000000", "14.8148", "10", "-4.8148", "-325000")), a.rows());
  }

  @Test
  void cryptoOnlyAndTraditionalOnlyReweighWithinTheirScope() {
    TargetAllocation byAsset = new TargetAllocation(TargetAllocation.Kind.ASSET, List.of(
        new TargetAllocation.Target("BTC", d("100"))), Map.of());
    Allocation crypto = Allocation.of(SnapshotTest.in(SnapshotTest.JPY), byAsset, Allocation.Scope.CRYPTO);
    assertEquals(List.of(row("BTC", "5250000", "100.0000", "100", "0.0000", "0")), crypto.rows());
    TargetAllocation groups = new TargetAllocation(TargetAllocation.Kind.GROUP, List.of(
        new TargetAllocation.Target("japan", d("60")), new TargetAllocation.Target("world", d("40"))),
        Map.of("japan", List.of(AssetId.of("7203.T"), AssetId.of("JPY")), "world", List.of(AssetId.of("VT"))));
    Allocation traditional = Allocation.of(SnapshotTest.in(SnapshotTest.JPY), groups, Allocation.Scope.TRADITIONAL);
    assertEquals(d("1500000"), traditional.total());
    assertEquals(List.of(row("japan", "1350000", "90.0000", "60", "-30.0000", "-450000"),
        row("world", "150000", "10.0000", "40", "30.0000", "450000")), traditional.rows());
    assertEquals(1, traditional.unvalued());
  }
}
