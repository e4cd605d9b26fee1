package dev.ballast.persistence.marketdata;

import dev.ballast.engine.marketdata.InstrumentId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A daily bar as the price store keeps it, with where and when it came from. */
public record StoredBar(
    InstrumentId instrument, LocalDate date, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
    BigDecimal adjustedClose, BigDecimal volume, String source, Instant fetchedAt) {}
