package dev.bulwark.deception.session;

import dev.bulwark.deception.event.SessionEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Keeps what attackers upload: under the data directory, named by SHA-256 (as Cowrie's {@code
 * dl/}), readable by the owner only and never executable, so a dropped binary is evidence and not a
 * program. Each upload is reported as {@code cowrie.session.file_upload}.
 */
public final class Uploads {
  private final Path dir;
  private final long maxBytes;

  public Uploads(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** Stores {@code content} sent as {@code filename}; returns the stored file. */
  public Path store(byte[] content, String filename, SessionEvents events) throws IOException {
    if (content.length > maxBytes) {
      throw new IOException("upload larger than " + maxBytes + " bytes");
    }
    String sha = sha256(content);
    Files.createDirectories(dir);
    Path out = dir.resolve(sha);
    if (!Files.exists(out)) {
      Path tmp = Files.createTempFile(dir, "upload", ".part");
      Files.write(tmp, content, StandardOpenOption.TRUNCATE_EXISTING);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: nothing marks the file executable there either
      }
      Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    events.emit(
        "cowrie.session.file_upload",
        "Saved uploaded file " + filename + " (" + content.length + " bytes) to " + out,
        "filename",
        filename,
        "outfile",
        out.toString(),
        "shasum",
        sha,
        "size",
        content.length);
    return out;
  }

  public void refused(String filename, SessionEvents events) {
    events.emit(
        "bulwark.session.limit",
        "upload of " + filename + " refused: larger than " + maxBytes + " bytes",
        "limit",
        "upload-bytes",
        "filename",
        filename);
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
