package dev.ballast.adapters.statement;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Optional;

/** The first bytes of a file as text of one encoding, for recognising a format by its header. */
public final class HeadText {
  private HeadText() {}

  /**
   * The head decoded strictly up to its last line break (a cut multi-byte character at the end is
   * not the file's fault); empty when the bytes are not of the encoding. A leading BOM is dropped.
   */
  public static Optional<String> decode(byte[] head, Charset charset) {
    int end = head.length;
    for (int i = head.length - 1; i >= 0; i--) {
      if (head[i] == '\n') {
        end = i + 1;
        break;
      }
    }
    try {
      String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(head, 0, end)).toString();
      return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** The lines of the head (without their line breaks); the last may be cut. */
  public static String[] lines(String text) {
    return text.split("\r\n|\n|\r", -1);
  }
}
