package dev.bulwark.hygiene.passwords;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a password manager export into accounts. Passwords go from the file's bytes into char
 * arrays without ever becoming a {@code String}; the intermediate buffers are zeroed. Errors name
 * the file and the record.
 */
public final class ExportReader {
  /** Exports larger than this are refused: a personal vault is far smaller. */
  public static final long MAX_BYTES = 64L << 20;

  private ExportReader() {}

  public static List<Account> read(Path file, ExportFormat format) throws InputException {
    char[] text = chars(file);
    try {
      return switch (format) {
        case BITWARDEN_JSON -> BitwardenJson.read(file.toString(), text);
        case KEEPASS_XML -> KeepassXml.read(file.toString(), text);
        case BITWARDEN_CSV, ONEPASSWORD_CSV, BROWSER_CSV -> CsvExport.read(file.toString(), text);
      };
    } finally {
      Arrays.fill(text, '\0');
    }
  }

  /** Reads with the format guessed from the file name and its first characters. */
  public static List<Account> read(Path file) throws InputException {
    String head;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(64);
      head = new String(b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage());
    }
    return read(file, ExportFormat.guess(file.getFileName().toString(), head));
  }

  /** The file decoded as UTF-8 (a byte-order mark dropped) into a char array the caller wipes. */
  static char[] chars(Path file) throws InputException {
    byte[] bytes = null;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new InputException(file + ": export larger than 64 MB (" + size + " bytes)");
      }
      bytes = Files.readAllBytes(file);
      int start =
          bytes.length >= 3
                  && (bytes[0] & 0xFF) == 0xEF
                  && (bytes[1] & 0xFF) == 0xBB
                  && (bytes[2] & 0xFF) == 0xBF
              ? 3
              : 0;
      CharBuffer cb =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, start, bytes.length - start));
      char[] out = new char[cb.remaining()];
      cb.get(out);
      Arrays.fill(cb.array(), '\0');
      return out;
    } catch (CharacterCodingException e) {
      throw new InputException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage());
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }
}
