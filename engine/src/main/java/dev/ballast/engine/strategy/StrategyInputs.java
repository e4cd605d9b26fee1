package dev.ballast.engine.strategy;

import dev.ballast.engine.model.PortfolioId;
import java.util.concurrent.CompletionStage;

/**
 * Port: what a check reads from the rest of the system (the portfolio's targets and accounts, the
 * accounts' holdings, the latest prices and FX), gathered into the inputs the decision journals.
 * Fails with a {@link StrategyInputsException} naming what could not be read.
 */
public interface StrategyInputs {
  CompletionStage<PlanInputs> gather(PortfolioId portfolio, RebalanceConfig config);

  /** Why the inputs of a check could not be gathered (an unknown portfolio, an account that does not answer). */
  final class StrategyInputsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StrategyInputsException(String message) {
      super(message);
    }
  }
}
