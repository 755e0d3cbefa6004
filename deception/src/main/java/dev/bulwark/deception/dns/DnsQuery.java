package dev.bulwark.deception.dns;

import java.util.Locale;

/**
 * A DNS query as the canary responder reads it: the header and the one question, nothing more.
 * Parsing is bounded by the message itself: at most {@link #MAX_MESSAGE} bytes are looked at, a
 * name has at most 255 bytes in labels of at most 63, and compression pointers (which a question,
 * the first name of a message, has no use for) are refused, so no input loops or reads past its
 * end. The resource records after the question (an EDNS option, say) are not read at all.
 */
public final class DnsQuery {
  /** The largest message read: a plain UDP query; EDNS queries are far below it. */
  public static final int MAX_MESSAGE = 512;

  /** The header's length. */
  public static final int HEADER = 12;

  static final int MAX_NAME = 255;
  static final int MAX_LABEL = 63;

  private DnsQuery() {}

  /** What a message parsed to. */
  public sealed interface Parsed permits Question, Refused {}

  /**
   * A well-formed query: its id, opcode and recursion-desired flag, the question's name (lower
   * case, labels joined by dots, bytes other than letters, digits, '-' and '_' written {@code
   * \DDD}), type and class, and where the question ends in the message.
   */
  public record Question(
      int id, int opcode, boolean recursionDesired, String name, int type, int qclass, int end)
      implements Parsed {}

  /**
   * A message that is not a query the responder answers: {@code id} is the message's id when the
   * header could be read (the responder then answers FORMERR or NOTIMP), else -1 (it answers
   * nothing); {@code notImplemented} when the opcode is not QUERY.
   */
  public record Refused(int id, int opcode, boolean notImplemented, String reason)
      implements Parsed {}

  /** Parses the first {@code length} bytes of {@code m}. Never throws for any content. */
  public static Parsed parse(byte[] m, int length) {
    if (m == null || length < 0 || length > m.length) {
      return new Refused(-1, 0, false, "no message");
    }
    if (length < HEADER) {
      return new Refused(-1, 0, false, "shorter than a DNS header");
    }
    if (length > MAX_MESSAGE) {
      return new Refused(-1, 0, false, "longer than " + MAX_MESSAGE + " bytes");
    }
    int id = u16(m, 0);
    int flags = u16(m, 2);
    if ((flags & 0x8000) != 0) {
      // a response: answering it could bounce between two responders
      return new Refused(-1, 0, false, "a response, not a query");
    }
    int opcode = (flags >> 11) & 0xF;
    if (opcode != 0) {
      return new Refused(id, opcode, true, "opcode " + opcode + " is not QUERY");
    }
    int qdcount = u16(m, 4);
    if (qdcount != 1) {
      return new Refused(id, opcode, false, qdcount + " questions (one expected)");
    }
    StringBuilder name = new StringBuilder();
    int at = HEADER;
    int nameBytes = 0;
    while (true) {
      if (at >= length) {
        return new Refused(id, opcode, false, "the name runs past the message");
      }
      int len = m[at] & 0xFF;
      if (len == 0) {
        at++;
        break;
      }
      if ((len & 0xC0) != 0) {
        return new Refused(id, opcode, false, "a compressed or extended label in the question");
      }
      // the name's wire length counts each label's length byte and the final zero
      nameBytes += len + 1;
      if (nameBytes + 1 > MAX_NAME) {
        return new Refused(id, opcode, false, "a name longer than 255 bytes");
      }
      if (at + 1 + len > length) {
        return new Refused(id, opcode, false, "a label runs past the message");
      }
      if (!name.isEmpty()) {
        name.append('.');
      }
      for (int i = at + 1; i <= at + len; i++) {
        appendByte(name, m[i] & 0xFF);
      }
      at += 1 + len;
    }
    if (at + 4 > length) {
      return new Refused(id, opcode, false, "the question has no type and class");
    }
    int type = u16(m, at);
    int qclass = u16(m, at + 2);
    return new Question(id, opcode, (flags & 0x0100) != 0, name.toString(), type, qclass, at + 4);
  }

  private static void appendByte(StringBuilder b, int c) {
    boolean plain =
        (c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9')
            || c == '-'
            || c == '_';
    if (plain) {
      // resolvers randomise the case of names they send (0x20 encoding): compare in lower case
      b.append(Character.toLowerCase((char) c));
    } else {
      b.append('\\').append(String.format(Locale.ROOT, "%03d", c));
    }
  }

  static int u16(byte[] m, int at) {
    return ((m[at] & 0xFF) << 8) | (m[at + 1] & 0xFF);
  }
}
