package dev.ballast.api.http.openapi;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.RouteSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 document of the whole API, kept by hand in
 * {@code openapi.json} beside the route table ({@code OpenApiDocumentTest} fails when the two differ).
 */
public final class OpenApiRoutes extends RouteSupport {
  public static final String RESOURCE = "openapi.json";
  private final byte[] document;

  public OpenApiRoutes(ApiContext context) {
    super(context);
    this.document = load();
  }

  public static byte[] load() {
    try (InputStream in = OpenApiRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Under {@code /api}. */
  public Route route() {
    return path("openapi.json", () -> get(() -> complete(HttpResponse.create().withStatus(200).withEntity(ContentTypes.APPLICATION_JSON, document))));
  }
}
