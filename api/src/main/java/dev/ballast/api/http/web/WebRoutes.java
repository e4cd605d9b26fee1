package dev.ballast.api.http.web;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.RouteSupport;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The dashboard: {@code /} is {@code web/index.html}, {@code /web/...} its scripts and styles
 * (plain files from the classpath, no build step), {@code /vendor/chart.umd.js} Chart.js from its
 * WebJar. Everything here is public; the page logs in against {@code /api/auth}.
 */
public final class WebRoutes extends RouteSupport {
  static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";

  public WebRoutes(ApiContext context) {
    super(context);
  }

  public Route route() {
    return get(() -> concat(
        pathSingleSlash(() -> getFromResource("web/index.html")),
        path("index.html", () -> getFromResource("web/index.html")),
        pathPrefix("web", () -> getFromResourceDirectory("web")),
        pathPrefix("vendor", () -> path("chart.umd.js", () -> getFromResource(CHART_JS)))));
  }
}
