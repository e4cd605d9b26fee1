package dev.ballast.engine.marketdata.live;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Port: every portfolio's holdings, read again each time (the read side's positions). */
public interface HoldingsSource {
  CompletionStage<List<Holdings>> holdings();
}
