package dev.ballast.api.http.auth;

/** The bodies of the login and user routes. */
public final class AuthRequests {
  private AuthRequests() {}

  /** {@code POST /api/auth/login}. */
  public record Login(String name, String password) {}

  /** {@code POST /api/auth/refresh} and {@code /logout}. */
  public record Refresh(String refreshToken) {}

  /** {@code POST /api/users}. */
  public record NewUser(String name, String password, String role) {}

  /** {@code PUT /api/users/{user}/password}. */
  public record NewPassword(String password) {}

  /** {@code PUT /api/users/{user}/role}. */
  public record NewRole(String role) {}
}
