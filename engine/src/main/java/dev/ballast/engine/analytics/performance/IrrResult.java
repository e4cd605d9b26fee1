package dev.ballast.engine.analytics.performance;

/** The answer of an internal-rate-of-return search: a rate, or the reason there is none. */
public sealed interface IrrResult permits IrrResult.Found, IrrResult.NoRoot {

    /** How a root was found. */
    enum Method { NEWTON, BISECTION }

    /** An annual rate at which the net present value of the flows is zero. */
    record Found(double rate, Method method, int iterations) implements IrrResult {
    }

    /** No rate in (-1, infinity) makes the net present value zero, with the reason. */
    record NoRoot(String reason) implements IrrResult {
    }

    /** The rate when one was found, NaN otherwise (docs/metrics.md#conventions). */
    default double rateOrNaN() {
        return this instanceof Found found ? found.rate() : Double.NaN;
    }
}
