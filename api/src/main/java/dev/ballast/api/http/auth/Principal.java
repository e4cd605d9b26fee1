package dev.ballast.api.http.auth;

/** Who sent a request: a user signed in with a password, or an API token (the bootstrap admin token among them). */
public record Principal(String name, Role role, Kind kind) {
  public enum Kind { USER, API_TOKEN }
}
