package dev.ballast.api.http.killswitch;

/** {@code POST /api/kill-switch/engage} and {@code /reset}: who acts (default: the API's admin) and, to engage, why. */
public record KillSwitchRequest(String by, String reason) {}
