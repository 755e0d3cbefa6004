package dev.bulwark.hygiene.passwords;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bitwarden's unencrypted JSON export: {@code items[]} of type 1 (login) with {@code login.uris},
 * {@code login.username}, {@code login.password} and {@code login.passwordRevisionDate} (else the
 * item's {@code revisionDate}). Read with Jackson's streaming parser so a password is copied
 * straight from the parser's buffer into a char array.
 */
final class BitwardenJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
          .build();

  private BitwardenJson() {}

  static List<Account> read(String name, char[] text) throws InputException {
    List<Account> out = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InputException(name + ": expected a JSON object");
      }
      boolean sawItems = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if (field.equals("encrypted") && v == JsonToken.VALUE_TRUE) {
          throw new InputException(
              name
                  + ": an encrypted Bitwarden export; export again choosing the unencrypted .json format");
        }
        if (field.equals("items") && v == JsonToken.START_ARRAY) {
          sawItems = true;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            item(name, p, out);
          }
        } else {
          p.skipChildren();
        }
      }
      if (!sawItems) {
        throw new InputException(name + ": no 'items' list (is this a Bitwarden JSON export?)");
      }
    } catch (IOException e) {
      out.forEach(a -> a.password().wipe());
      throw new InputException(name + ": not a Bitwarden JSON export: " + e.getMessage());
    }
    return out;
  }

  private static void item(String name, JsonParser p, List<Account> out) throws IOException {
    String title = null;
    int type = 1;
    String revision = null;
    String user = null;
    String uri = null;
    String pwRevision = null;
    char[] password = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      switch (f) {
        case "name" -> title = p.getValueAsString();
        case "type" -> type = p.getValueAsInt(1);
        case "revisionDate" -> revision = p.getValueAsString();
        case "login" -> {
          if (v != JsonToken.START_OBJECT) {
            p.skipChildren();
            break;
          }
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String lf = p.currentName();
            JsonToken lv = p.nextToken();
            switch (lf) {
              case "username" -> user = p.getValueAsString();
              case "passwordRevisionDate" -> pwRevision = p.getValueAsString();
              case "password" -> {
                if (lv == JsonToken.VALUE_STRING) {
                  char[] buf = p.getTextCharacters();
                  password =
                      java.util.Arrays.copyOfRange(
                          buf, p.getTextOffset(), p.getTextOffset() + p.getTextLength());
                }
              }
              case "uris" -> {
                if (lv == JsonToken.START_ARRAY) {
                  while (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                      String uf = p.currentName();
                      p.nextToken();
                      if (uf.equals("uri") && uri == null) {
                        uri = p.getValueAsString();
                      } else {
                        p.skipChildren();
                      }
                    }
                  }
                } else {
                  p.skipChildren();
                }
              }
              default -> p.skipChildren();
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    if (type != 1 || password == null || password.length == 0) {
      if (password != null) {
        java.util.Arrays.fill(password, '\0');
      }
      return;
    }
    String site = Sites.host(uri).orElse(title);
    if (title != null && !title.isBlank() && uri == null) {
      site = title;
    }
    out.add(
        new Account(
            site,
            user,
            new Password(password),
            instant(pwRevision != null ? pwRevision : revision)));
  }

  static Optional<Instant> instant(String iso) {
    if (iso == null || iso.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
