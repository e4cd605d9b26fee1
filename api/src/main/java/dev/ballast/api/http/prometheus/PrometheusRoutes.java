package dev.ballast.api.http.prometheus;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.RouteSupport;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /metrics} in the Prometheus text format, and the timing of every request. */
public final class PrometheusRoutes extends RouteSupport {
  private final ServerMetrics metrics;

  public PrometheusRoutes(ApiContext context, ServerMetrics metrics) {
    super(context);
    this.metrics = metrics;
  }

  public Route route() {
    return path("metrics", () -> get(() -> completeBlocking(() -> HttpResponse.create().withStatus(200).withEntity(ContentTypes.TEXT_PLAIN_UTF8, metrics.scrape()))));
  }

  /** Times {@code inner}: from the request to its response (as the exception and rejection handlers inside left it). */
  public Route timed(Supplier<Route> inner) {
    return extractMethod(method -> extractUri(uri -> {
      long start = System.nanoTime();
      return mapResponse(response -> {
        metrics.recordRequest(method.name(), uri.path(), response.status().intValue(), System.nanoTime() - start);
        return response;
      }, inner);
    }));
  }
}
