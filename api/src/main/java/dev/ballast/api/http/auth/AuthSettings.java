package dev.ballast.api.http.auth;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code ballast.auth}: token lifetimes, the bcrypt cost, and the throttles of failed logins (per
 * name) and failed bearer tokens (per client address).
 */
public record AuthSettings(Duration accessTtl, Duration refreshTtl, int bcryptCost, int loginFailures, Duration loginWindow,
    int tokenFailures, Duration tokenWindow) {

  public static AuthSettings from(Config config) {
    Config c = config.getConfig("ballast.auth");
    return new AuthSettings(c.getDuration("access-token-ttl"), c.getDuration("refresh-token-ttl"), c.getInt("bcrypt-cost"),
        c.getInt("login-failures"), c.getDuration("login-window"), c.getInt("token-failures"), c.getDuration("token-window"));
  }
}
