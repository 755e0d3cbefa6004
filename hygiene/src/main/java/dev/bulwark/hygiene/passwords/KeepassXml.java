package dev.bulwark.hygiene.passwords;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.text.UntrustedXml;
import java.io.CharArrayReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * KeePass 2 XML exports ({@code KeePassFile/Root/Group/Entry}): each entry's {@code String}
 * key/value pairs Title, URL, UserName and Password, and {@code Times/LastModificationTime}.
 * Entries inside {@code History} are old versions and are skipped. Read with DTDs and external
 * entities off ({@link UntrustedXml}).
 */
final class KeepassXml {
  private static final int MAX_DEPTH = 256;

  private KeepassXml() {}

  static List<Account> read(String name, char[] text) throws InputException {
    List<Account> out = new ArrayList<>();
    CharField value = new CharField();
    try {
      XMLStreamReader r = UntrustedXml.factory().createXMLStreamReader(new CharArrayReader(text));
      int depth = 0;
      int historyDepth = -1;
      boolean root = false;
      String key = null;
      boolean inKey = false;
      boolean inValue = false;
      boolean inModified = false;
      String title = null;
      String url = null;
      String user = null;
      String modified = null;
      char[] password = null;
      while (r.hasNext()) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.DTD ->
              throw new InputException(name + ": a DOCTYPE is not allowed in a KeePass export");
          case XMLStreamConstants.START_ELEMENT -> {
            depth++;
            if (depth > MAX_DEPTH) {
              throw new InputException(name + ": XML nested deeper than " + MAX_DEPTH);
            }
            String el = r.getLocalName();
            if (depth == 1) {
              root = el.equals("KeePassFile");
            }
            if (el.equals("History") && historyDepth < 0) {
              historyDepth = depth;
            }
            if (historyDepth >= 0) {
              break;
            }
            switch (el) {
              case "Entry" -> {
                title = url = user = modified = null;
                password = null;
              }
              case "Key" -> inKey = true;
              case "Value" -> {
                inValue = true;
                value.clear();
              }
              case "LastModificationTime" -> {
                inModified = true;
                value.clear();
              }
              default -> {}
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (historyDepth >= 0) {
              break;
            }
            if (inKey) {
              key = r.getText();
            } else if (inValue || inModified) {
              value.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
            }
          }
          case XMLStreamConstants.ENTITY_REFERENCE -> {
            if (inValue) {
              char c = predefined(r.getLocalName());
              if (c != 0) {
                value.append(c);
              }
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            String el = r.getLocalName();
            if (historyDepth >= 0) {
              if (depth == historyDepth) {
                historyDepth = -1;
              }
              depth--;
              break;
            }
            depth--;
            switch (el) {
              case "Key" -> inKey = false;
              case "Value" -> {
                inValue = false;
                if ("Password".equals(key)) {
                  password = value.take();
                } else {
                  String s = value.takeString();
                  switch (key == null ? "" : key) {
                    case "Title" -> title = s;
                    case "URL" -> url = s;
                    case "UserName" -> user = s;
                    default -> {}
                  }
                }
                key = null;
              }
              case "LastModificationTime" -> {
                inModified = false;
                modified = value.takeString().strip();
              }
              case "Entry" -> {
                if (password != null && password.length > 0) {
                  String site =
                      title != null && !title.isBlank() ? title : Sites.host(url).orElse(url);
                  out.add(new Account(site, user, new Password(password), instant(modified)));
                } else if (password != null) {
                  java.util.Arrays.fill(password, '\0');
                }
                password = null;
              }
              default -> {}
            }
          }
          default -> {}
        }
      }
      if (!root) {
        throw new InputException(name + ": not a KeePass XML export (no KeePassFile root)");
      }
      return out;
    } catch (XMLStreamException e) {
      out.forEach(a -> a.password().wipe());
      throw new InputException(name + ": malformed XML: " + e.getMessage());
    } finally {
      value.clear();
    }
  }

  private static char predefined(String entity) {
    return switch (entity) {
      case "amp" -> '&';
      case "lt" -> '<';
      case "gt" -> '>';
      case "quot" -> '"';
      case "apos" -> '\'';
      default -> 0;
    };
  }

  private static Optional<Instant> instant(String s) {
    if (s == null || s.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(s));
    } catch (java.time.format.DateTimeParseException e) {
      // KeePass 2.x (KDBX 4) writes base64 seconds since 0001-01-01 in its XML
      try {
        byte[] b = java.util.Base64.getDecoder().decode(s);
        if (b.length == 8) {
          long secs = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
          return Optional.of(Instant.parse("0001-01-01T00:00:00Z").plusSeconds(secs));
        }
      } catch (IllegalArgumentException ignored) {
        // neither form: no date
      }
      return Optional.empty();
    }
  }
}
