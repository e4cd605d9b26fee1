package dev.ballast.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.FieldError;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharset;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/** What the route classes have in common: reading a body strictly, answering JSON or a problem, blocking reads. */
public abstract class RouteSupport extends AllDirectives {
  static final ContentType PROBLEM_JSON =
      ContentTypes.create(MediaTypes.applicationWithFixedCharset("problem+json", HttpCharsets.UTF_8));

  protected final ApiContext context;

  protected RouteSupport(ApiContext context) {
    this.context = context;
  }

  /** Reads the body as this type: JSON (application/json, UTF-8) only, else 415; unreadable, empty or null, 400. */
  protected <T> Route body(Class<T> type, Function<T, Route> inner) {
    return extractRequestEntity(entity -> {
      if (entity.isKnownEmpty()) {
        return complete(problem(Problem.badRequest("the request has no body",
            List.of(new FieldError(0, "body", "is empty; expected a JSON object")))));
      }
      ContentType contentType = entity.getContentType();
      Optional<HttpCharset> charset = contentType.getCharsetOption();
      if (!contentType.mediaType().equals(MediaTypes.APPLICATION_JSON)
          || (charset.isPresent() && !charset.get().equals(HttpCharsets.UTF_8))) {
        return complete(problem(Problem.unsupportedMediaType(
            "send the body as Content-Type: application/json (UTF-8), not " + contentType)));
      }
      return entity(Unmarshaller.entityToString(), text -> inner.apply(context.bodies().read(text, type)));
    });
  }

  /**
   * Reads the array lists' paging ({@code offset}, {@code limit}, {@code from}, {@code to}:
   * {@link dev.ballast.api.http.accounts.ListPaging}); a bad value is answered 400 naming it.
   */
  protected Route listPaging(Function<dev.ballast.api.http.accounts.ListPaging, Route> inner) {
    return parameterOptional("offset", offset -> parameterOptional("limit", limit -> parameterOptional("from", from ->
        parameterOptional("to", to -> {
          List<FieldError> errors = new java.util.ArrayList<>();
          var paging = dev.ballast.api.http.accounts.ListPaging.parse(offset, limit, from, to, errors);
          return errors.isEmpty() ? inner.apply(paging) : refused(errors);
        }))));
  }

  /** A page of an array list: its rows as a JSON array, the number that matched in {@code X-Total-Count}. */
  protected <T> HttpResponse page(dev.ballast.api.http.accounts.ListPaging paging, List<T> rows, Function<T, java.time.Instant> time) {
    var page = paging.apply(rows, time);
    return page.withTotal(json(200, page.items()));
  }

  /** Parses a path segment into an id, or answers 400 naming it. */
  protected <T> Route pathId(String field, String raw, Function<String, T> parse, Function<T, Route> inner) {
    T id;
    try {
      id = parse.apply(raw);
    } catch (IllegalArgumentException e) {
      return complete(problem(Problem.badRequest(e.getMessage(), List.of(new FieldError(0, field, e.getMessage())))));
    }
    return inner.apply(id);
  }

  protected Route refused(List<FieldError> errors) {
    return complete(problem(Refusals.invalid(errors)));
  }

  protected HttpResponse refusal(CommandError error) {
    return problem(Refusals.problem(error));
  }

  protected <T> CompletionStage<T> blocking(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, context.blocking());
  }

  /** Answers with what a blocking read returns. */
  protected Route completeBlocking(Supplier<HttpResponse> work) {
    return completeWithFuture(blocking(work));
  }

  public HttpResponse json(int status, Object body) {
    try {
      return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, context.json().writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the response", e);
    }
  }

  public HttpResponse problem(Problem problem) {
    return problem(context, problem);
  }

  static HttpResponse problem(ApiContext context, Problem problem) {
    try {
      return HttpResponse.create().withStatus(problem.status()).withEntity(PROBLEM_JSON, context.json().writeValueAsBytes(problem));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the problem", e);
    }
  }
}
