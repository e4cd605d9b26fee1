package dev.ballast.persistence.query;

import java.util.List;

/** One page of a longer list: the items, where it starts, and how many there are in all. */
public record Page<T>(List<T> items, long offset, int limit, long total) {}
