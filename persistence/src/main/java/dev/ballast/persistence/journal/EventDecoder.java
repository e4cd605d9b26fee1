package dev.ballast.persistence.journal;

import org.apache.pekko.serialization.Serialization;

/** Turns a journal row's payload back into the event, with the serializer that wrote it. */
final class EventDecoder {
  private final Serialization serialization;

  EventDecoder(Serialization serialization) {
    this.serialization = serialization;
  }

  Object decode(byte[] payload, int serializerId, String manifest, String persistenceId, long sequenceNr) {
    try {
      return serialization.deserialize(payload, serializerId, manifest).get();
    } catch (Exception e) { // Try.get rethrows the serializer's own exception, checked ones (Jackson's IOException) included
      throw new IllegalStateException("event " + sequenceNr + " of " + persistenceId + " (serializer " + serializerId
          + ", manifest " + manifest + ") cannot be read: " + e.getMessage(), e);
    }
  }
}
