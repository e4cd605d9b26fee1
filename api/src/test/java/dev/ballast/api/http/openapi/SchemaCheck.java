package dev.ballast.api.http.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON answer against a schema of the OpenAPI document: $ref, type, nullable, required,
 * properties, items, enum, allOf and additionalProperties. An object schema that lists its properties
 * rejects a property it does not list (unless additionalProperties says otherwise), so a field the
 * server adds without documenting it fails as surely as one it drops.
 */
public final class SchemaCheck {
  private final JsonNode document;

  public SchemaCheck(JsonNode document) {
    this.document = document;
  }

  /** The schema a local reference ({@code #/components/...}) points at. */
  public JsonNode resolve(String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalArgumentException("not a local reference: " + ref);
    }
    JsonNode node = document;
    for (String part : ref.substring(2).split("/")) {
      node = node.path(part.replace("~1", "/").replace("~0", "~"));
    }
    if (node.isMissingNode()) {
      throw new IllegalArgumentException("unresolved reference " + ref);
    }
    return node;
  }

  /** Every local reference the document holds that points at nothing. */
  List<String> unresolvedReferences() {
    List<String> out = new ArrayList<>();
    collectRefs(document, out);
    return out;
  }

  private void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        try {
          resolve(ref.asText());
        } catch (IllegalArgumentException e) {
          out.add(ref.asText());
        }
      }
      node.elements().forEachRemaining(child -> collectRefs(child, out));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectRefs(child, out));
    }
  }

  /** The differences between {@code value} and {@code schema}, each naming its JSON path; empty when it conforms. */
  public List<String> check(JsonNode value, JsonNode schema) {
    List<String> errors = new ArrayList<>();
    check(value, schema, "$", errors);
    return errors;
  }

  private void check(JsonNode value, JsonNode schema, String at, List<String> errors) {
    if (schema.has("$ref")) {
      check(value, resolve(schema.get("$ref").asText()), at, errors);
      return;
    }
    if (value == null || value.isNull()) {
      if (!schema.path("nullable").asBoolean(false) && (schema.has("type") || schema.has("allOf"))) {
        errors.add(at + ": null, the schema does not allow null");
      }
      return;
    }
    for (JsonNode part : schema.path("allOf")) {
      check(value, part, at, errors);
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> {
        if (!value.isObject()) {
          errors.add(at + ": " + kind(value) + ", expected an object");
          return;
        }
        checkObject(value, schema, at, errors);
      }
      case "array" -> {
        if (!value.isArray()) {
          errors.add(at + ": " + kind(value) + ", expected an array");
          return;
        }
        JsonNode items = schema.path("items");
        for (int i = 0; i < value.size(); i++) {
          if (!items.isMissingNode()) {
            check(value.get(i), items, at + "[" + i + "]", errors);
          }
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          errors.add(at + ": " + kind(value) + ", expected a string");
        }
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          errors.add(at + ": " + kind(value) + ", expected an integer");
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          errors.add(at + ": " + kind(value) + ", expected a number");
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          errors.add(at + ": " + kind(value) + ", expected a boolean");
        }
      }
      case "" -> {
        // no type: any value (the schema may still list properties of an object)
        if (value.isObject() && schema.has("properties")) {
          checkObject(value, schema, at, errors);
        }
      }
      default -> errors.add(at + ": the schema names an unknown type " + type);
    }
    JsonNode allowed = schema.get("enum");
    if (allowed != null && allowed.isArray()) {
      boolean found = false;
      for (JsonNode e : allowed) {
        found |= e.equals(value);
      }
      if (!found) {
        errors.add(at + ": " + value + " is not one of " + allowed);
      }
    }
  }

  private void checkObject(JsonNode value, JsonNode schema, String at, List<String> errors) {
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        errors.add(at + ": required property " + required.asText() + " is missing");
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String fieldAt = at + "." + field.getKey();
      JsonNode property = properties.get(field.getKey());
      if (property != null) {
        check(field.getValue(), property, fieldAt, errors);
      } else if (additional != null && additional.isObject()) {
        check(field.getValue(), additional, fieldAt, errors);
      } else if (additional != null && additional.asBoolean(false)) {
        continue;
      } else if (properties.size() > 0 || (additional != null && !additional.asBoolean(true))) {
        errors.add(fieldAt + ": not in the schema");
      }
    }
  }

  private static String kind(JsonNode value) {
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + abbreviate(value.toString());
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
