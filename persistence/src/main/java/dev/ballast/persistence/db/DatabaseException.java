package dev.ballast.persistence.db;

import java.sql.SQLException;

/** A database failure that no caller can repair; carries the SQL state for the logs. */
public final class DatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseException(SQLException cause) {
    super("database error (SQL state " + cause.getSQLState() + "): " + cause.getMessage(), cause);
  }
}
