package dev.ballast.persistence.db;

import dev.ballast.engine.model.Decimals;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Binding and reading of the column types the read side uses, the same on H2 and PostgreSQL. */
public final class Sql {
  private Sql() {}

  public static void setDecimal(PreparedStatement ps, int index, BigDecimal value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.NUMERIC);
    } else {
      ps.setBigDecimal(index, value);
    }
  }

  public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  public static void setString(PreparedStatement ps, int index, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value.toString());
    }
  }

  public static Instant getInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** A decimal without the trailing zeros a column type may add, and never in E-notation. */
  public static BigDecimal getDecimal(ResultSet rs, String column) throws SQLException {
    return Decimals.shortest(rs.getBigDecimal(column));
  }
}
