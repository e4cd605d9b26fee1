package dev.ballast.api.http.auth;

/** What a route needs: nothing, any signed-in user, a trader, or an admin. */
public enum Permission {
  PUBLIC, READ, TRADE, ADMIN;

  public boolean allows(Role role) {
    return switch (this) {
      case PUBLIC, READ -> true;
      case TRADE -> role == Role.ADMIN || role == Role.TRADER;
      case ADMIN -> role == Role.ADMIN;
    };
  }
}
