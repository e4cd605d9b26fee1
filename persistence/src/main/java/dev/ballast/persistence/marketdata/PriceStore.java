package dev.ballast.persistence.marketdata;

import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.DailyBar;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.DateRange;
import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.marketdata.DatedRates;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.MarketCap;
import dev.ballast.engine.marketdata.CryptoMarket;
import dev.ballast.engine.marketdata.valuation.UnadjustedCloses;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The price store: daily bars per instrument (one row per instrument and trading date), daily FX
 * rates (a pair of fiat currencies), the range each source was asked for, and the corporate actions
 * the sources reported. Writing the same history again changes nothing but the fetch time.
 */
public final class PriceStore implements DatedRates {
  private final Database database;

  public PriceStore(Database database) {
    this.database = database;
  }

  // bumped after every write of closes, rates or corporate actions by this process
  private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

  /**
   * Changes after every write this store makes of closes, FX rates or corporate actions: what a
   * precomputed value history compares to know its prices are still the stored ones. Writes by
   * another process to the same database are not seen (one server per database).
   */
  public long version() {
    return version.get();
  }

  /**
   * Stores what {@code source} answered for {@code asked}, in one transaction: the bars (FX pairs
   * into the FX table), the covered range extended by {@code asked} (null: a range still open,
   * such as today, which a later sync asks for again), and the corporate actions not yet known.
   * Returns the actions that were new.
   */
  public List<CorporateAction> save(String source, DailyHistory history, DateRange asked, Instant fetchedAt) {
    try {
      InstrumentId instrument = history.instrument();
      boolean fx = instrument.base().isFiat() && instrument.quote().isFiat();
      return database.inTransaction(c -> {
        for (DailyBar bar : history.bars()) {
          if (fx) {
            upsertFx(c, instrument, bar.date(), bar.bar().close().value(), source, fetchedAt);
          } else {
            upsertBar(c, bar, source, fetchedAt);
          }
        }
        if (asked != null) {
          saveCoverage(c, instrument, source, coverage(c, instrument, source).map(r -> r.span(asked)).orElse(asked), fetchedAt);
        }
        List<CorporateAction> fresh = new ArrayList<>();
        for (CorporateAction action : history.actions()) {
          if (insertActionIfNew(c, source, action, fetchedAt)) {
            fresh.add(action);
          }
        }
        bumpStored(c);
        return fresh;
      });
    } finally {
      version.incrementAndGet();
    }
  }

  private static void saveCoverage(Connection c, InstrumentId instrument, String source, DateRange covered, Instant fetchedAt)
      throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM price_coverage WHERE base = ? AND quote = ? AND source = ?")) {
      bindInstrument(del, instrument);
      del.setString(3, source);
      del.executeUpdate();
    }
    try (PreparedStatement ins = c.prepareStatement(
        "INSERT INTO price_coverage (base, quote, source, first_date, last_date, fetched_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      bindInstrument(ins, instrument);
      ins.setString(3, source);
      ins.setDate(4, Date.valueOf(covered.first()));
      ins.setDate(5, Date.valueOf(covered.last()));
      Sql.setInstant(ins, 6, fetchedAt);
      ins.executeUpdate();
    }
  }

  /** A price typed by a user or imported from a file, stored like a source's (source {@code manual} or the file's). */
  public void saveManual(InstrumentId instrument, LocalDate date, Price price, String source, Instant at) {
    try {
      if (!price.currency().equals(instrument.quote())) {
        throw new IllegalArgumentException("price of " + instrument + " on " + date + " is in " + price.currency() + ", expected " + instrument.quote());
      }
      database.inTransaction(c -> {
        if (instrument.base().isFiat() && instrument.quote().isFiat()) {
          upsertFx(c, instrument, date, price.value(), source, at);
        } else {
          BigDecimal v = price.value();
          upsertRow(c, instrument, date, v, v, v, v, v, null, source, at);
        }
        bumpStored(c);
        return null;
      });
    } finally {
      version.incrementAndGet();
    }
  }

  /** Prices per unit of one instrument on several dates, in its quote currency, stored all in one transaction or none. */
  public void saveManualAll(InstrumentId instrument, java.util.Map<LocalDate, BigDecimal> prices, String source, Instant at) {
    try {
      database.inTransaction(c -> {
        for (java.util.Map.Entry<LocalDate, BigDecimal> e : prices.entrySet()) {
          BigDecimal v = e.getValue();
          if (instrument.base().isFiat() && instrument.quote().isFiat()) {
            upsertFx(c, instrument, e.getKey(), v, source, at);
          } else {
            upsertRow(c, instrument, e.getKey(), v, v, v, v, v, null, source, at);
          }
        }
        bumpStored(c);
        return null;
      });
    } finally {
      version.incrementAndGet();
    }
  }

  /**
   * Stores market caps, one per coin, currency and the UTC day each closes (a cap observed at 00:00
   * UTC closes the day before, as CoinGecko's closes do), in one transaction; a repeat replaces.
   */
  public void saveMarketCaps(String source, List<MarketCap> caps, Instant fetchedAt) {
    database.inTransaction(c -> {
      for (MarketCap cap : caps) {
        LocalDate day = capDay(cap.time());
        try (PreparedStatement del = c.prepareStatement("DELETE FROM market_caps WHERE coin = ? AND currency = ? AND cap_date = ?")) {
          del.setString(1, cap.coin().value());
          del.setString(2, cap.currency().value());
          del.setDate(3, Date.valueOf(day));
          del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO market_caps (coin, currency, cap_date, observed_at, market_cap, source,"
            + " fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          ins.setString(1, cap.coin().value());
          ins.setString(2, cap.currency().value());
          ins.setDate(3, Date.valueOf(day));
          Sql.setInstant(ins, 4, cap.time());
          Sql.setDecimal(ins, 5, cap.value());
          ins.setString(6, source);
          Sql.setInstant(ins, 7, fetchedAt);
          ins.executeUpdate();
        }
      }
      return null;
    });
  }

  /** The UTC day a market cap observed at {@code time} closes. */
  public static LocalDate capDay(Instant time) {
    return time.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** The stored market caps of a coin in a currency with days in {@code [from, to]}, oldest first. */
  public List<MarketCap> marketCaps(AssetId coin, AssetId currency, LocalDate from, LocalDate to) {
    return database.inTransaction(c -> {
      List<MarketCap> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT observed_at, market_cap FROM market_caps WHERE coin = ? AND currency = ?"
          + " AND cap_date >= ? AND cap_date <= ? ORDER BY cap_date")) {
        ps.setString(1, coin.value());
        ps.setString(2, currency.value());
        ps.setDate(3, Date.valueOf(from));
        ps.setDate(4, Date.valueOf(to));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new MarketCap(coin, currency, Sql.getInstant(rs, "observed_at"), Sql.getDecimal(rs, "market_cap")));
          }
        }
      }
      return out;
    });
  }

  /** Stores one observation of the whole crypto market (totals per currency, dominance), in one transaction; a repeat replaces. */
  public void saveCryptoMarket(String source, CryptoMarket market, Instant fetchedAt) {
    database.inTransaction(c -> {
      for (String table : List.of("crypto_market_totals", "crypto_market")) {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE observed_at = ?")) {
          Sql.setInstant(del, 1, market.time());
          del.executeUpdate();
        }
      }
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO crypto_market (observed_at, btc_dominance, eth_dominance,"
          + " stablecoin_dominance, source, fetched_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        Sql.setInstant(ins, 1, market.time());
        Sql.setDecimal(ins, 2, market.btcDominance());
        Sql.setDecimal(ins, 3, market.ethDominance());
        Sql.setDecimal(ins, 4, market.stablecoinDominance());
        ins.setString(5, source);
        Sql.setInstant(ins, 6, fetchedAt);
        ins.executeUpdate();
      }
      for (java.util.Map.Entry<AssetId, BigDecimal> total : new java.util.TreeMap<>(market.totalMarketCap()).entrySet()) {
        try (PreparedStatement ins = c.prepareStatement(
            "INSERT INTO crypto_market_totals (observed_at, currency, total_market_cap) VALUES (?, ?, ?)")) {
          Sql.setInstant(ins, 1, market.time());
          ins.setString(2, total.getKey().value());
          Sql.setDecimal(ins, 3, total.getValue());
          ins.executeUpdate();
        }
      }
      return null;
    });
  }

  /** Every observation of the crypto market made in [{@code from}, {@code until}), oldest first, each with its totals. */
  public List<CryptoMarket> cryptoMarkets(Instant from, Instant until) {
    return database.inTransaction(c -> {
      java.util.Map<Instant, java.util.Map<AssetId, BigDecimal>> totals = new java.util.HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT observed_at, currency, total_market_cap FROM crypto_market_totals WHERE observed_at >= ? AND observed_at < ?")) {
        Sql.setInstant(ps, 1, from);
        Sql.setInstant(ps, 2, until);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            totals.computeIfAbsent(Sql.getInstant(rs, "observed_at"), k -> new java.util.TreeMap<>())
                .put(AssetId.of(rs.getString("currency")), Sql.getDecimal(rs, "total_market_cap"));
          }
        }
      }
      List<CryptoMarket> out = new java.util.ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT * FROM crypto_market WHERE observed_at >= ? AND observed_at < ? ORDER BY observed_at")) {
        Sql.setInstant(ps, 1, from);
        Sql.setInstant(ps, 2, until);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Instant observed = Sql.getInstant(rs, "observed_at");
            out.add(new CryptoMarket(observed, totals.getOrDefault(observed, java.util.Map.of()), Sql.getDecimal(rs, "btc_dominance"),
                Sql.getDecimal(rs, "eth_dominance"), Sql.getDecimal(rs, "stablecoin_dominance")));
          }
        }
      }
      return out;
    });
  }

  /** The latest observation of the crypto market on or before {@code at}. */
  public Optional<CryptoMarket> cryptoMarket(Instant at) {
    return database.inTransaction(c -> {
      Instant observed;
      BigDecimal btc;
      BigDecimal eth;
      BigDecimal stable;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT * FROM crypto_market WHERE observed_at <= ? ORDER BY observed_at DESC LIMIT 1")) {
        Sql.setInstant(ps, 1, at);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<CryptoMarket>empty();
          }
          observed = Sql.getInstant(rs, "observed_at");
          btc = Sql.getDecimal(rs, "btc_dominance");
          eth = Sql.getDecimal(rs, "eth_dominance");
          stable = Sql.getDecimal(rs, "stablecoin_dominance");
        }
      }
      java.util.Map<AssetId, BigDecimal> totals = new java.util.TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT currency, total_market_cap FROM crypto_market_totals WHERE observed_at = ?")) {
        Sql.setInstant(ps, 1, observed);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            totals.put(AssetId.of(rs.getString("currency")), Sql.getDecimal(rs, "total_market_cap"));
          }
        }
      }
      return Optional.of(new CryptoMarket(observed, totals, btc, eth, stable));
    });
  }

  /** The range {@code source} was asked for so far for {@code instrument}. */
  public Optional<DateRange> coverage(InstrumentId instrument, String source) {
    return database.inTransaction(c -> coverage(c, instrument, source));
  }

  /** The stored bars of {@code instrument} with dates in {@code [from, to]}, oldest first. */
  public List<StoredBar> bars(InstrumentId instrument, LocalDate from, LocalDate to) {
    return database.inTransaction(c -> {
      List<StoredBar> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT * FROM price_bars WHERE base = ? AND quote = ? AND bar_date >= ? AND bar_date <= ? ORDER BY bar_date")) {
        bindInstrument(ps, instrument);
        ps.setDate(3, Date.valueOf(from));
        ps.setDate(4, Date.valueOf(to));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(bar(instrument, rs));
          }
        }
      }
      return out;
    });
  }

  /** The latest bar of {@code instrument} on or before {@code date}. */
  public Optional<StoredBar> latestBar(InstrumentId instrument, LocalDate date) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT * FROM price_bars WHERE base = ? AND quote = ? AND bar_date <= ? ORDER BY bar_date DESC LIMIT 1")) {
        bindInstrument(ps, instrument);
        ps.setDate(3, Date.valueOf(date));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(bar(instrument, rs)) : Optional.empty();
        }
      }
    });
  }

  /** Every stored close and FX rate dated in {@code [from, to]}: what a snapshot or a value history loads once. */
  public List<DatedRate> allRates(LocalDate from, LocalDate to) {
    return database.inTransaction(c -> {
      List<DatedRate> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT base, quote, bar_date AS d, close_price AS r FROM price_bars WHERE bar_date >= ? AND bar_date <= ?"
              + " UNION ALL SELECT base, quote, rate_date AS d, rate AS r FROM fx_rates WHERE rate_date >= ? AND rate_date <= ?")) {
        for (int i = 0; i < 2; i++) {
          ps.setDate(1 + 2 * i, Date.valueOf(from));
          ps.setDate(2 + 2 * i, Date.valueOf(to));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new DatedRate(AssetId.of(rs.getString("base")), AssetId.of(rs.getString("quote")), rs.getDate("d").toLocalDate(),
                Sql.getDecimal(rs, "r")));
          }
        }
      }
      return out;
    });
  }

  /**
   * The closes a value history over {@code [from, to]} reads: every close dated in the range and
   * the latest of each instrument before it, each with the day it is split-adjusted through. Only
   * Yahoo adjusts its closes for splits (docs/market-data.md); a close from another source or
   * typed by hand is as traded, adjusted through its own date.
   */
  public List<UnadjustedCloses.Close> closes(LocalDate from, LocalDate to) {
    return database.inTransaction(c -> {
      List<UnadjustedCloses.Close> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT base, quote, bar_date, close_price, source, fetched_at FROM price_bars b WHERE (bar_date >= ? AND bar_date <= ?)"
              + " OR bar_date = (SELECT MAX(p.bar_date) FROM price_bars p WHERE p.base = b.base AND p.quote = b.quote AND p.bar_date < ?)")) {
        ps.setDate(1, Date.valueOf(from));
        ps.setDate(2, Date.valueOf(to));
        ps.setDate(3, Date.valueOf(from));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            LocalDate date = rs.getDate("bar_date").toLocalDate();
            LocalDate through = "yahoo".equals(rs.getString("source"))
                ? Sql.getInstant(rs, "fetched_at").atZone(ZoneOffset.UTC).toLocalDate() : date;
            out.add(new UnadjustedCloses.Close(new InstrumentId(AssetId.of(rs.getString("base")), AssetId.of(rs.getString("quote"))), date,
                Sql.getDecimal(rs, "close_price"), through.isBefore(date) ? date : through));
          }
        }
      }
      return out;
    });
  }

  /**
   * The latest rate of every stored pair on or before {@code date}, in one query: FX rates under
   * fiat pairs, closes under the others, each what {@link #latest} answers for its pair. What a
   * snapshot reads once instead of a lookup (and a pooled connection) per position and rate.
   */
  public LatestRates latestAll(LocalDate date) {
    return database.inTransaction(c -> {
      java.util.Map<InstrumentId, DatedRate> fx = new java.util.HashMap<>();
      java.util.Map<InstrumentId, DatedRate> closes = new java.util.HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT 'B' AS t, b.base, b.quote, b.bar_date AS d, b.close_price AS r FROM price_bars b JOIN (SELECT base, quote, MAX(bar_date) AS m"
              + " FROM price_bars WHERE bar_date <= ? GROUP BY base, quote) l ON b.base = l.base AND b.quote = l.quote AND b.bar_date = l.m"
              + " UNION ALL SELECT 'F' AS t, f.base, f.quote, f.rate_date AS d, f.rate AS r FROM fx_rates f JOIN (SELECT base, quote,"
              + " MAX(rate_date) AS m FROM fx_rates WHERE rate_date <= ? GROUP BY base, quote) l ON f.base = l.base AND f.quote = l.quote"
              + " AND f.rate_date = l.m")) {
        ps.setDate(1, Date.valueOf(date));
        ps.setDate(2, Date.valueOf(date));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            AssetId base = AssetId.of(rs.getString("base"));
            AssetId quote = AssetId.of(rs.getString("quote"));
            DatedRate rate = new DatedRate(base, quote, rs.getDate("d").toLocalDate(), Sql.getDecimal(rs, "r"));
            ("F".equals(rs.getString("t")) ? fx : closes).put(new InstrumentId(base, quote), rate);
          }
        }
      }
      return new LatestRates(date, fx, closes);
    });
  }

  /** The latest rate of a pair on or before a date: an FX rate, else the close of the base in the quote. */
  @Override
  public Optional<DatedRate> latest(AssetId base, AssetId quote, LocalDate onOrBefore) {
    return database.inTransaction(c -> {
      String table = base.isFiat() && quote.isFiat()
          ? "SELECT rate_date AS d, rate AS r FROM fx_rates WHERE base = ? AND quote = ? AND rate_date <= ? ORDER BY rate_date DESC LIMIT 1"
          : "SELECT bar_date AS d, close_price AS r FROM price_bars WHERE base = ? AND quote = ? AND bar_date <= ? ORDER BY bar_date DESC LIMIT 1";
      try (PreparedStatement ps = c.prepareStatement(table)) {
        ps.setString(1, base.value());
        ps.setString(2, quote.value());
        ps.setDate(3, Date.valueOf(onOrBefore));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(new DatedRate(base, quote, rs.getDate("d").toLocalDate(), Sql.getDecimal(rs, "r")))
              : Optional.empty();
        }
      }
    });
  }

  /** The corporate actions of {@code instrument}, by ex-date; all when {@code instrument} is null. */
  public List<StoredAction> actions(InstrumentId instrument) {
    return database.inTransaction(c -> {
      List<StoredAction> out = new ArrayList<>();
      String sql = "SELECT * FROM corporate_actions" + (instrument == null ? "" : " WHERE base = ? AND quote = ?")
          + " ORDER BY ex_date, source, external_id";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (instrument != null) {
          bindInstrument(ps, instrument);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            InstrumentId i = new InstrumentId(AssetId.of(rs.getString("base")), AssetId.of(rs.getString("quote")));
            LocalDate exDate = rs.getDate("ex_date").toLocalDate();
            String externalId = rs.getString("external_id");
            CorporateAction action = "SPLIT".equals(rs.getString("kind"))
                ? new CorporateAction.Split(i, exDate, Sql.getDecimal(rs, "numerator"), Sql.getDecimal(rs, "denominator"), externalId)
                : new CorporateAction.Dividend(i, exDate, new Price(Sql.getDecimal(rs, "amount"), i.quote()), externalId);
            out.add(new StoredAction(rs.getString("source"), action, StoredAction.Status.valueOf(rs.getString("status")),
                Sql.getInstant(rs, "fetched_at")));
          }
        }
      }
      return out;
    });
  }

  /** Moves an action from {@code from} to {@code to}; false when it was not in {@code from} (handled already). */
  public boolean markAction(String source, InstrumentId instrument, String externalId, StoredAction.Status from, StoredAction.Status to) {
    try {
      return database.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE corporate_actions SET status = ? WHERE source = ? AND base = ? AND quote = ? AND external_id = ? AND status = ?")) {
          ps.setString(1, to.name());
          ps.setString(2, source);
          ps.setString(3, instrument.base().value());
          ps.setString(4, instrument.quote().value());
          ps.setString(5, externalId);
          ps.setString(6, from.name());
          boolean moved = ps.executeUpdate() == 1;
          if (moved) {
            bumpStored(c);
          }
          return moved;
        }
      });
    } finally {
      version.incrementAndGet();
    }
  }

  /**
   * The database's count of price writes, bumped in the transaction of every write of closes,
   * rates or corporate actions by any server sharing the database: one indexed read, for a cache
   * that must see another server's writes ({@link #version()} sees only this process's).
   */
  public long storedVersion() {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT version FROM price_store_version WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  // ---- inside -------------------------------------------------------------------------------

  private static void bumpStored(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE price_store_version SET version = version + 1 WHERE id = 1")) {
      ps.executeUpdate();
    }
  }

  private static Optional<DateRange> coverage(Connection c, InstrumentId instrument, String source) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT first_date, last_date FROM price_coverage WHERE base = ? AND quote = ? AND source = ?")) {
      bindInstrument(ps, instrument);
      ps.setString(3, source);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new DateRange(rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate()))
            : Optional.empty();
      }
    }
  }

  private static void upsertBar(Connection c, DailyBar bar, String source, Instant fetchedAt) throws SQLException {
    var b = bar.bar();
    upsertRow(c, bar.instrument(), bar.date(), b.open().value(), b.high().value(), b.low().value(), b.close().value(),
        bar.adjustedClose().value(), b.volume() == null ? null : b.volume().value(), source, fetchedAt);
  }

  // DELETE + INSERT in the caller's transaction: the same on H2 and PostgreSQL, and a repeat leaves one row
  private static void upsertRow(Connection c, InstrumentId instrument, LocalDate date, BigDecimal open, BigDecimal high, BigDecimal low,
      BigDecimal close, BigDecimal adjusted, BigDecimal volume, String source, Instant fetchedAt) throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM price_bars WHERE base = ? AND quote = ? AND bar_date = ?")) {
      bindInstrument(del, instrument);
      del.setDate(3, Date.valueOf(date));
      del.executeUpdate();
    }
    try (PreparedStatement ins = c.prepareStatement("INSERT INTO price_bars (base, quote, bar_date, open_price, high_price, low_price,"
        + " close_price, adjusted_close, volume, source, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bindInstrument(ins, instrument);
      ins.setDate(3, Date.valueOf(date));
      Sql.setDecimal(ins, 4, open);
      Sql.setDecimal(ins, 5, high);
      Sql.setDecimal(ins, 6, low);
      Sql.setDecimal(ins, 7, close);
      Sql.setDecimal(ins, 8, adjusted);
      Sql.setDecimal(ins, 9, volume);
      ins.setString(10, source);
      Sql.setInstant(ins, 11, fetchedAt);
      ins.executeUpdate();
    }
  }

  private static void upsertFx(Connection c, InstrumentId pair, LocalDate date, BigDecimal rate, String source, Instant fetchedAt)
      throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM fx_rates WHERE base = ? AND quote = ? AND rate_date = ?")) {
      bindInstrument(del, pair);
      del.setDate(3, Date.valueOf(date));
      del.executeUpdate();
    }
    try (PreparedStatement ins = c.prepareStatement(
        "INSERT INTO fx_rates (base, quote, rate_date, rate, source, fetched_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      bindInstrument(ins, pair);
      ins.setDate(3, Date.valueOf(date));
      Sql.setDecimal(ins, 4, rate);
      ins.setString(5, source);
      Sql.setInstant(ins, 6, fetchedAt);
      ins.executeUpdate();
    }
  }

  private static boolean insertActionIfNew(Connection c, String source, CorporateAction action, Instant fetchedAt) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM corporate_actions WHERE source = ? AND external_id = ? AND base = ? AND quote = ?")) {
      ps.setString(1, source);
      ps.setString(2, action.externalId());
      ps.setString(3, action.instrument().base().value());
      ps.setString(4, action.instrument().quote().value());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement ins = c.prepareStatement("INSERT INTO corporate_actions (source, external_id, base, quote, kind, ex_date,"
        + " numerator, denominator, amount, status, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ins.setString(1, source);
      ins.setString(2, action.externalId());
      ins.setString(3, action.instrument().base().value());
      ins.setString(4, action.instrument().quote().value());
      ins.setDate(6, Date.valueOf(action.exDate()));
      if (action instanceof CorporateAction.Split s) {
        ins.setString(5, "SPLIT");
        Sql.setDecimal(ins, 7, s.numerator());
        Sql.setDecimal(ins, 8, s.denominator());
        Sql.setDecimal(ins, 9, null);
        ins.setString(10, StoredAction.Status.NEW.name());
      } else if (action instanceof CorporateAction.Dividend d) {
        ins.setString(5, "DIVIDEND");
        Sql.setDecimal(ins, 7, null);
        Sql.setDecimal(ins, 8, null);
        Sql.setDecimal(ins, 9, d.perUnit().value());
        ins.setString(10, StoredAction.Status.SUGGESTED.name());
      }
      Sql.setInstant(ins, 11, fetchedAt);
      ins.executeUpdate();
    }
    return true;
  }

  private static StoredBar bar(InstrumentId instrument, ResultSet rs) throws SQLException {
    return new StoredBar(instrument, rs.getDate("bar_date").toLocalDate(), Sql.getDecimal(rs, "open_price"), Sql.getDecimal(rs, "high_price"),
        Sql.getDecimal(rs, "low_price"), Sql.getDecimal(rs, "close_price"), Sql.getDecimal(rs, "adjusted_close"),
        Sql.getDecimal(rs, "volume"), rs.getString("source"), Sql.getInstant(rs, "fetched_at"));
  }

  private static void bindInstrument(PreparedStatement ps, InstrumentId instrument) throws SQLException {
    ps.setString(1, instrument.base().value());
    ps.setString(2, instrument.quote().value());
  }
}
