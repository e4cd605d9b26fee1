package dev.ballast.api.http.auth;

import dev.ballast.api.http.openapi.OpenApiRoutes;
import dev.ballast.api.http.prometheus.PrometheusRoutes;
import dev.ballast.api.http.web.WebRoutes;

/** What the route table adds around the resources: the guard, login and users, the OpenAPI document, /metrics and the page. */
public record Access(RouteGuard guard, AuthRoutes auth, UserRoutes users, TokenRoutes tokens, ShareRoutes shares, OpenApiRoutes openApi, PrometheusRoutes prometheus,
    WebRoutes web) {}
