package dev.ballast.api.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.api.http.openapi.OpenApiRoutes;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the route table name the same routes, with the same permission: no route undocumented, none documented that is not there. */
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  @Test
  void theDocumentHasExactlyTheRoutesOfTheTable() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(OpenApiRoutes.load());
    Set<String> documented = new TreeSet<>();
    Set<String> documentedPermissions = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (METHODS.contains(op.getKey())) {
          String route = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
          documented.add(route);
          documentedPermissions.add(route + " " + op.getValue().path("x-permission").asText());
        }
      }
    }
    Set<String> table = new TreeSet<>();
    Set<String> tablePermissions = new TreeSet<>();
    for (RouteTable.Rule rule : RouteTable.ballast().rules()) {
      table.add(rule.method() + " " + rule.path());
      tablePermissions.add(rule.method() + " " + rule.path() + " " + rule.permission().name().toLowerCase(Locale.ROOT));
    }
    Set<String> undocumented = new TreeSet<>(table);
    undocumented.removeAll(documented);
    Set<String> notInTable = new TreeSet<>(documented);
    notInTable.removeAll(table);
    assertEquals(Set.of(), undocumented, "in the route table, not in openapi.json");
    assertEquals(Set.of(), notInTable, "in openapi.json, not in the route table");
    assertEquals(tablePermissions, documentedPermissions, "x-permission as in the route table");
  }
}
