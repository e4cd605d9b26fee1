package dev.ballast.persistence.db;

import java.sql.Connection;
import java.sql.SQLException;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.projection.jdbc.JdbcSession;

/**
 * One projection transaction on a pooled connection: the handler's writes and the new offset
 * commit together, which is what makes the projections exactly-once.
 */
public final class DataSourceJdbcSession implements JdbcSession {
  private final Connection connection;

  public DataSourceJdbcSession(Database database) {
    try {
      this.connection = database.connection();
      this.connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  @Override
  public <Result> Result withConnection(Function<Connection, Result> func) throws Exception {
    return func.apply(connection);
  }

  @Override
  public void commit() throws SQLException {
    connection.commit();
  }

  @Override
  public void rollback() throws SQLException {
    connection.rollback();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
