package dev.ballast.api.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The route table matches paths by template, the literal segment first, and names each route once. */
class RouteTableTest {
  private final RouteTable table = RouteTable.ballast();

  @Test
  void aLiteralSegmentWinsOverAPlaceholder() {
    assertEquals("/api/prices/status", table.match("GET", "/api/prices/status").orElseThrow().path());
    assertEquals("/api/prices/{asset}", table.match("GET", "/api/prices/BTC").orElseThrow().path());
    assertEquals(Permission.ADMIN, table.required("PUT", "/api/prices/BTC/sources"));
    assertEquals(Permission.TRADE, table.required("POST", "/api/prices/BTC/manual"));
  }

  @Test
  void unknownPathsNeedAnAdminUnderApiAndNothingElsewhere() {
    assertEquals(Permission.ADMIN, table.required("GET", "/api/whatever/else"));
    assertEquals(Permission.ADMIN, table.required("PATCH", "/api/portfolios"));
    assertEquals(Permission.PUBLIC, table.required("GET", "/web/app.js"));
    assertEquals(Permission.PUBLIC, table.required("GET", "/"));
    assertEquals(Permission.READ, table.required("GET", "/metrics"));
    assertEquals(Permission.PUBLIC, table.required("POST", "/api/auth/login"));
  }

  @Test
  void eachRouteIsNamedOnce() {
    Set<String> seen = new HashSet<>();
    for (RouteTable.Rule rule : table.rules()) {
      assertEquals(true, seen.add(rule.method() + " " + rule.path()), "twice: " + rule);
    }
  }

  @Test
  void rolesAllowWhatTheIssueSays() {
    assertEquals(true, Permission.ADMIN.allows(Role.ADMIN));
    assertEquals(false, Permission.ADMIN.allows(Role.TRADER));
    assertEquals(true, Permission.TRADE.allows(Role.TRADER));
    assertEquals(false, Permission.TRADE.allows(Role.VIEWER));
    assertEquals(true, Permission.READ.allows(Role.VIEWER));
  }
}
