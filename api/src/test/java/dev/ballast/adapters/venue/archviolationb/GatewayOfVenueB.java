package dev.ballast.adapters.venue.archviolationb;

/** The other venue of {@code GatewayOfVenueA}; on its own it breaks nothing. */
public record GatewayOfVenueB(String name) {}
