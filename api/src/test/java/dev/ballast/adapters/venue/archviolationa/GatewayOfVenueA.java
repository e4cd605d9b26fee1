package dev.ballast.adapters.venue.archviolationa;

import dev.ballast.adapters.venue.archviolationb.GatewayOfVenueB;

/** Breaks ADAPTER_PACKAGES_ARE_INDEPENDENT on purpose: one venue's adapter using another's. */
public record GatewayOfVenueA(GatewayOfVenueB borrowed) {}
