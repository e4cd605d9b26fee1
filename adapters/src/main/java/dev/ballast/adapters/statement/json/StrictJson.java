package dev.ballast.adapters.statement.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.ballast.engine.model.InputLimits;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Ballast's strict reading of JSON, shared by the API and its batch files: unknown fields refused,
 * no number read as text or text as a number, instants only as ISO-8601 text, enums only by their
 * exact name, duplicate keys refused, and every number and text bounded before it is built, so an
 * over-long input is refused naming its field and never reaches the journal. Its complaints are
 * in the project's words, with the path of the field to blame ({@code transactions[2].quantity}).
 */
public final class StrictJson {
  /** Longer than any text field takes, so that a long text is refused by its field's own limit. */
  public static final int MAX_STRING_LENGTH = 100_000;
  /** Longer than any number the limits take (40 digits, a sign, a point, an exponent). */
  public static final int MAX_NUMBER_LENGTH = 100;
  public static final int MAX_NAME_LENGTH = 1_000;
  public static final int MAX_NESTING = 32;
  static final String INSTANT_EXAMPLE = "2026-01-05T00:00:00Z";

  private StrictJson() {}

  /** The strict configuration on top of the server's mapper (its modules and writing features stay). */
  public static ObjectMapper configure(ObjectMapper base) {
    JsonMapper.Builder builder = ((JsonMapper) base.copy()).rebuild()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .disable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .withCoercionConfigDefaults(c -> c
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
            .setAcceptBlankAsEmpty(false))
        .withCoercionConfig(LogicalType.Textual, c -> c
            .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.TryConvert))
        .withCoercionConfig(LogicalType.Enum, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
        // a JSON integer is a number: 1 is a decimal as much as 1.5 is
        .withCoercionConfig(LogicalType.Float, c -> c
            .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
            .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert))
        .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert))
        .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert))
        .addModule(new SimpleModule("ballast-strict")
            .addDeserializer(Instant.class, new IsoInstant())
            .setDeserializerModifier(new ExactEnums()));
    ObjectMapper mapper = builder.build();
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxStringLength(MAX_STRING_LENGTH)
        .maxNumberLength(MAX_NUMBER_LENGTH)
        .maxNameLength(MAX_NAME_LENGTH)
        .maxNestingDepth(MAX_NESTING)
        .build());
    return mapper;
  }

  /** The field path of the error, {@code body} for the whole. */
  public static String path(JsonProcessingException e, JsonParser parser) {
    // a parser's error (syntax, a duplicate key, a number or text over the limits) has no reference chain
    // down to the field: the parser knows where it was
    boolean parsing = !(e instanceof JsonMappingException)
        || (e.getCause() instanceof JsonProcessingException cause && !(cause instanceof JsonMappingException));
    if (parsing && parser != null) {
      return path(parser.getParsingContext());
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return path(m);
    }
    return "body";
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      }
    }
    return sb.isEmpty() ? "body" : sb.toString();
  }

  private static String path(JsonStreamContext context) {
    java.util.Deque<JsonStreamContext> chain = new java.util.ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.push(c);
    }
    StringBuilder sb = new StringBuilder();
    for (JsonStreamContext c : chain) {
      if (c.inArray()) {
        sb.append('[').append(Math.max(c.getCurrentIndex(), 0)).append(']');
      } else if (c.getCurrentName() != null) {
        sb.append(sb.isEmpty() ? "" : ".").append(c.getCurrentName());
      }
    }
    return sb.isEmpty() ? "body" : sb.toString();
  }

  /** What went wrong, in our words: never a Java type or a parser's message. */
  public static String reason(JsonProcessingException e) {
    if (e instanceof JsonMappingException && e.getCause() instanceof JsonProcessingException cause
        && !(cause instanceof JsonMappingException)) {
      return reason(cause);
    }
    if (e instanceof StreamConstraintsException) {
      String m = String.valueOf(e.getOriginalMessage());
      if (m.contains("Number value length")) {
        return "is a number of more than " + MAX_NUMBER_LENGTH + " characters; at most " + InputLimits.AMOUNT.maxIntegerDigits()
            + " digits before and " + InputLimits.AMOUNT.maxScale() + " after the point are kept";
      }
      if (m.contains("String value length")) {
        return "is a text of more than " + MAX_STRING_LENGTH + " characters";
      }
      if (m.contains("Name length")) {
        return "has a field name of more than " + MAX_NAME_LENGTH + " characters";
      }
      if (m.contains("nesting depth")) {
        return "is nested more than " + MAX_NESTING + " levels deep";
      }
      return "is larger than the server reads";
    }
    if (e instanceof UnrecognizedPropertyException u) {
      Collection<Object> known = u.getKnownPropertyIds();
      String expected = known == null || known.isEmpty() ? "" : "; expected one of: "
          + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
      return "is not a field of this request" + expected;
    }
    if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
      MismatchedInputException m = (MismatchedInputException) e;
      if (m.getCause() instanceof StrictInput s) {
        return s.getMessage();
      }
      String message = String.valueOf(m.getOriginalMessage());
      if (message.contains("trailing token")) {
        return "has more after the end of the JSON value";
      }
      return "must be " + expected(m.getTargetType());
    }
    if (e instanceof JsonMappingException m && m.getCause() instanceof StrictInput s) {
      return s.getMessage();
    }
    if (e instanceof JsonMappingException) {
      return "cannot be read as this field";
    }
    String message = String.valueOf(e.getOriginalMessage());
    if (message.startsWith("Duplicate field")) {
      return "appears twice in one object";
    }
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    return "is not valid JSON" + where;
  }

  /** The JSON a value of this type is written as, in words. */
  static String expected(Class<?> type) {
    if (type == null) {
      return "a different JSON value";
    }
    if (type == String.class) {
      return "a JSON string";
    }
    if (type == BigDecimal.class || Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
      return "a JSON number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Instant.class) {
      return "an ISO-8601 instant such as " + INSTANT_EXAMPLE;
    }
    if (type.isEnum()) {
      return "one of " + names(type);
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a JSON array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a JSON object";
    }
    return "a different JSON value";
  }

  private static String names(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
  }

  /** A refusal raised inside a deserializer, already in our words. */
  static final class StrictInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StrictInput(String message) {
      super(message, null, false, false);
    }
  }

  /** Instants as ISO-8601 text only: a number would be read as seconds since 1970. */
  static final class IsoInstant extends StdDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    IsoInstant() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw JsonMappingException.from(p, "instant", new StrictInput("must be an ISO-8601 instant such as " + INSTANT_EXAMPLE
            + " (text, not a number)"));
      }
      String text = p.getText();
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw JsonMappingException.from(p, "instant", new StrictInput("must be an ISO-8601 instant such as " + INSTANT_EXAMPLE));
      }
    }
  }

  /** Enums by their exact name only: no numbers, no case folding, no surrounding spaces. */
  static final class ExactEnums extends BeanDeserializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> modifyEnumDeserializer(
        DeserializationConfig config, JavaType type, BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
      return new ExactEnum(type.getRawClass());
    }
  }

  static final class ExactEnum extends StdDeserializer<Enum<?>> {
    private static final long serialVersionUID = 1L;
    private final Class<?> type;

    ExactEnum(Class<?> type) {
      super(type);
      this.type = type;
    }

    @Override
    public Enum<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        String text = p.getText();
        for (Object constant : type.getEnumConstants()) {
          if (((Enum<?>) constant).name().equals(text)) {
            return (Enum<?>) constant;
          }
        }
      }
      throw JsonMappingException.from(p, "enum", new StrictInput("must be one of " + names(type)));
    }
  }
}
