package dev.ballast.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ranking by Sharpe, Sortino, Calmar and STARR against figures computed independently (the
 * Python of the comment below, standard library only: statistics.stdev, the downside deviation over
 * all n periods, the wealth path's deepest drawdown, CAGR = W^(P/n) - 1, CVaR as the mean of the
 * ceil(n alpha) worst returns).
 */
class MultiObjectiveRankingTest {
  static final ReturnsWindow WINDOW = new ReturnsWindow(List.of("A", "B"), new double[][] {
    {0.02, 0.01}, {-0.01, 0.01}, {0.03, -0.005}, {-0.02, 0.005}, {0.01, 0.002}, {0.015, 0.004}});

  static Map<String, Map<String, Double>> candidates() {
    Map<String, Map<String, Double>> c = new LinkedHashMap<>();
    c.put("A", Map.of("A", 1.0));
    c.put("mix", Map.of("A", 0.5, "B", 0.5));
    c.put("B", Map.of("B", 1.0));
    return c;
  }

  @Test
  void eachFigureIsTheHandComputedOneAndTheScoreTheMeanOfTheScaledFigures() {
    List<MultiObjectiveRanking.Ranked> ranked = MultiObjectiveRanking.rank(candidates(), WINDOW, MultiObjectiveRanking.Weights.EQUAL, 0, 0.2, 12);
    assertEquals(List.of("B", "mix", "A"), ranked.stream().map(MultiObjectiveRanking.Ranked::name).toList());
    MultiObjectiveRanking.Ranked mix = ranked.get(1);
    assertEquals(2.4368572094509666, mix.sharpe(), 1e-12);
    assertEquals(6.69394419523265, mix.sortino(), 1e-12);
    assertEquals(9.73071944209533, mix.calmar(), 1e-10);
    assertEquals(1.5777777777777777, mix.starr(), 1e-12);
    assertEquals(0.8163096745398307, mix.sharpeScaled(), 1e-12);
    assertEquals(0.4511627906976744, mix.starrScaled(), 1e-12);
    assertEquals(0.7434267264791662, mix.score(), 1e-12);
    MultiObjectiveRanking.Ranked a = ranked.get(2);
    assertEquals(1.3740858372430331, a.sharpe(), 1e-12);
    assertEquals(4.593654871623238, a.calmar(), 1e-10);
    assertEquals(0.0, a.score(), 0);
    assertEquals(1.0, ranked.get(0).score(), 1e-15);
  }

  @Test
  void theWeightsChooseWhichScaledFiguresCount() {
    // STARR alone: the mix scores its scaled STARR, (1.5778 - 0.5) / (2.8889 - 0.5)
    List<MultiObjectiveRanking.Ranked> starr = MultiObjectiveRanking.rank(candidates(), WINDOW, new MultiObjectiveRanking.Weights(0, 0, 0, 1), 0,
        0.2, 12);
    assertEquals(0.4511627906976744, starr.get(1).score(), 1e-12);
    List<MultiObjectiveRanking.Ranked> sharpe = MultiObjectiveRanking.rank(candidates(), WINDOW, new MultiObjectiveRanking.Weights(1, 0, 0, 0), 0,
        0.2, 12);
    assertEquals(0.8163096745398307, sharpe.get(1).score(), 1e-12);
  }

  @Test
  void anUndefinedFigureScalesToZeroAndEqualFiguresToOne() {
    assertEquals(List.of(0.0, 1.0, 0.5, 0.0), java.util.Arrays.stream(MultiObjectiveRanking.minMax(new double[] {1, 3, 2, Double.NaN})).boxed().toList());
    assertEquals(List.of(1.0, 1.0), java.util.Arrays.stream(MultiObjectiveRanking.minMax(new double[] {2, 2})).boxed().toList());
  }

  @Test
  void badInputIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultiObjectiveRanking.rank(
        Map.of("x", Map.of("C", 1.0)), WINDOW, MultiObjectiveRanking.Weights.EQUAL, 0, 0.05, 12));
    assertEquals("candidates.x.C: not in the returns window [A, B]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new MultiObjectiveRanking.Weights(0, 0, 0, 0));
  }
}
