package dev.ballast.engine.execution;

import java.util.List;

/**
 * Port: where a simulated venue keeps the orders and fills of one account, as an exchange keeps its
 * book, so that a restart of the server finds every order it had and never places one twice.
 */
public interface VenueBook {

  /** What the book holds: every order's latest report in the order placed, every fill oldest first. */
  record Contents(List<Order> orders, List<Fill> fills) {
    public Contents {
      orders = List.copyOf(orders);
      fills = List.copyOf(fills);
    }
  }

  Contents load();

  /**
   * Writes the new reports of these orders (a new order is added, a known one replaced) and these
   * new fills, all or nothing; the venue tells anyone of them only once this has returned.
   */
  void write(List<Order> orders, List<Fill> fills);

  /** A book that keeps nothing: a venue that starts empty every time (tests, benchmarks). */
  VenueBook NONE = new VenueBook() {
    @Override
    public Contents load() {
      return new Contents(List.of(), List.of());
    }

    @Override
    public void write(List<Order> orders, List<Fill> fills) {}
  };
}
