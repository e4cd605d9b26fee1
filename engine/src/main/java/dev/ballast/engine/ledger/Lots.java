package dev.ballast.engine.ledger;

import java.util.List;
import scala.collection.immutable.Vector;
import scala.collection.immutable.Vector$;
import scala.collection.mutable.ReusableBuilder;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The open lots of a position, oldest first. Backed by a persistent vector so that adding or
 * closing a lot shares the rest instead of copying it: a position with thousands of DCA lots stays
 * cheap to update and to replay.
 */
public final class Lots {
  private static final Lots EMPTY = new Lots(Vector$.MODULE$.empty());
  private final Vector<Lot> lots;

  private Lots(Vector<Lot> lots) {
    this.lots = lots;
  }

  public static Lots empty() {
    return EMPTY;
  }

  public static Lots of(List<Lot> lots) {
    ReusableBuilder<Lot, Vector<Lot>> builder = Vector$.MODULE$.newBuilder();
    for (Lot lot : lots) {
      builder.addOne(lot);
    }
    return new Lots(builder.result());
  }

  public List<Lot> asList() {
    return CollectionConverters.asJava(lots);
  }

  public boolean isEmpty() {
    return lots.isEmpty();
  }

  public int size() {
    return lots.length();
  }

  Lot oldest() {
    return lots.head();
  }

  Lots drop(int count) {
    if (count > lots.length()) {
      throw new IllegalStateException("cannot close " + count + " lots of " + lots.length());
    }
    return count == 0 ? this : new Lots(lots.drop(count));
  }

  Lots withoutOldest() {
    return new Lots(lots.drop(1));
  }

  Lots replaceOldest(Lot lot) {
    if (lots.isEmpty()) {
      throw new IllegalStateException("no lot to replace");
    }
    return new Lots(prepend(lots.drop(1), lot));
  }

  Lots append(Lot lot) {
    return new Lots(append(lots, lot));
  }

  Lots map(java.util.function.UnaryOperator<Lot> f) {
    ReusableBuilder<Lot, Vector<Lot>> builder = Vector$.MODULE$.newBuilder();
    for (Lot lot : asList()) {
      builder.addOne(f.apply(lot));
    }
    return new Lots(builder.result());
  }

  // Scala's overloads of appended/updated are ambiguous from Java; :+ and +: are not
  @SuppressWarnings("unchecked")
  private static Vector<Lot> append(Vector<Lot> v, Lot lot) {
    return (Vector<Lot>) v.$colon$plus(lot);
  }

  @SuppressWarnings("unchecked")
  private static Vector<Lot> prepend(Vector<Lot> v, Lot lot) {
    return (Vector<Lot>) v.$plus$colon(lot);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Lots other && lots.equals(other.lots);
  }

  @Override
  public int hashCode() {
    return lots.hashCode();
  }

  @Override
  public String toString() {
    return asList().toString();
  }
}
