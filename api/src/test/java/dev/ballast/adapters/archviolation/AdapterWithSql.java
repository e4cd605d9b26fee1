package dev.ballast.adapters.archviolation;

import java.sql.Connection;

/** Breaks SQL_LIVES_ONLY_IN_PERSISTENCE on purpose. */
public record AdapterWithSql(Connection connection) {}
