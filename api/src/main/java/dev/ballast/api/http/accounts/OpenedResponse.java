package dev.ballast.api.http.accounts;

/** The answer to opening an account: {@code changed} is false when it was already open as asked. */
public record OpenedResponse(String id, boolean changed) {}
