package dev.ballast.engine.analytics.performance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Internal rate of return of cash flows on irregular dates, on the same convention as Excel's XIRR. */
public final class Xirr {

    private static final double GUESS = 0.1;
    private static final int NEWTON_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-12;
    // search range for the bracketing fallback in x = ln(1 + rate): rates from -1 + 4e-44 to 4.8e8
    private static final double X_MIN = -100;
    private static final double X_MAX = 20;
    private static final double X_STEP = 0.05;

    private Xirr() {
    }

    /**
     * The annual rate r with {@code sum(c_i / (1 + r)^((d_i - d_0) / 365)) = 0}, d_0 the earliest
     * date. Newton's method from 0.1 first; when it fails, the sign change of the net present value
     * nearest to rate 0 is bracketed and bisected. No root when there are fewer than two flows, all
     * flows have one sign, all fall on one date or no sign change is found (docs/metrics.md#xirr).
     */
    public static IrrResult of(List<CashFlow> flows) {
        if (flows == null) {
            throw new IllegalArgumentException("cash flows: missing");
        }
        int n = flows.size();
        if (n < 2) {
            return new IrrResult.NoRoot("fewer than two cash flows");
        }
        LocalDate first = flows.get(0).date();
        LocalDate last = first;
        boolean positive = false;
        boolean negative = false;
        for (CashFlow f : flows) {
            if (f.date().isBefore(first)) {
                first = f.date();
            }
            if (f.date().isAfter(last)) {
                last = f.date();
            }
            positive |= f.amount().signum() > 0;
            negative |= f.amount().signum() < 0;
        }
        if (!positive || !negative) {
            return new IrrResult.NoRoot("the cash flows do not include both a payment and a receipt");
        }
        if (first.equals(last)) {
            return new IrrResult.NoRoot("all cash flows fall on one date");
        }
        double[] amounts = new double[n];
        double[] years = new double[n];
        for (int i = 0; i < n; i++) {
            amounts[i] = flows.get(i).amount().doubleValue();
            years[i] = ChronoUnit.DAYS.between(first, flows.get(i).date()) / AnnualizedReturn.DAYS_PER_YEAR;
        }
        IrrResult newton = newton(amounts, years);
        return newton != null ? newton : bisection(amounts, years);
    }

    private static IrrResult newton(double[] c, double[] t) {
        double r = GUESS;
        for (int iteration = 1; iteration <= NEWTON_ITERATIONS; iteration++) {
            double f = 0;
            double df = 0;
            double logBase = Math.log1p(r);
            for (int i = 0; i < c.length; i++) {
                double discounted = c[i] * Math.exp(-t[i] * logBase);
                f += discounted;
                df -= t[i] * discounted / (1 + r);
            }
            if (!Double.isFinite(f) || !Double.isFinite(df) || df == 0) {
                return null;
            }
            double next = r - f / df;
            if (!Double.isFinite(next) || next <= -1) {
                return null;
            }
            if (Math.abs(next - r) <= TOLERANCE * Math.max(1, Math.abs(r))) {
                return new IrrResult.Found(next, IrrResult.Method.NEWTON, iteration);
            }
            r = next;
        }
        return null;
    }

    private static IrrResult bisection(double[] c, double[] t) {
        double tMax = 0;
        for (double ti : t) {
            tMax = Math.max(tMax, ti);
        }
        // walk outwards from x = 0 and take the first bracket found on either side
        double bestLo = Double.NaN;
        double bestHi = Double.NaN;
        int steps = (int) Math.ceil(Math.max(-X_MIN, X_MAX) / X_STEP);
        double s0 = sign(c, t, tMax, 0);
        if (s0 == 0) {
            return new IrrResult.Found(0, IrrResult.Method.BISECTION, 0);
        }
        double upPrev = 0;
        double upSign = s0;
        double downPrev = 0;
        double downSign = s0;
        for (int k = 1; k <= steps && Double.isNaN(bestLo); k++) {
            double up = k * X_STEP;
            if (up <= X_MAX) {
                double s = sign(c, t, tMax, up);
                if (s != upSign) {
                    bestLo = upPrev;
                    bestHi = up;
                    break;
                }
                upPrev = up;
            }
            double down = -k * X_STEP;
            if (down >= X_MIN) {
                double s = sign(c, t, tMax, down);
                if (s != downSign) {
                    bestLo = down;
                    bestHi = downPrev;
                    break;
                }
                downPrev = down;
            }
        }
        if (Double.isNaN(bestLo)) {
            return new IrrResult.NoRoot("the net present value does not change sign for rates between "
                    + Math.expm1(X_MIN) + " and " + Math.expm1(X_MAX));
        }
        double lo = bestLo;
        double hi = bestHi;
        double sLo = sign(c, t, tMax, lo);
        int iterations = 0;
        while (hi - lo > 1e-15 * Math.max(1, Math.abs(lo)) && iterations < 200) {
            iterations++;
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            double s = sign(c, t, tMax, mid);
            if (s == 0) {
                lo = mid;
                hi = mid;
                break;
            }
            if (s == sLo) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new IrrResult.Found(Math.expm1(0.5 * (lo + hi)), IrrResult.Method.BISECTION, iterations);
    }

    /**
     * The sign of the net present value at {@code x = ln(1 + r)}, computed as
     * {@code sum(c_i e^(x (s - t_i)))}, which is the value times the positive factor {@code e^(x s)};
     * s is chosen so that no term overflows.
     */
    private static double sign(double[] c, double[] t, double tMax, double x) {
        double shift = x < 0 ? tMax : 0;
        double sum = 0;
        for (int i = 0; i < c.length; i++) {
            sum += c[i] * Math.exp(x * (shift - t[i]));
        }
        return Math.signum(sum);
    }
}
