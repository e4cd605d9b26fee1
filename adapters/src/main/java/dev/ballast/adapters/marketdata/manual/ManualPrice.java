package dev.ballast.adapters.marketdata.manual;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One price of a file: the price of one unit on a day (a NAV already divided by its units), and the line it came from. */
public record ManualPrice(long line, LocalDate date, BigDecimal price) {}
