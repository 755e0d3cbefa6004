package dev.bulwark.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a finding is: a region of a file, a blob in a git commit, an event in a log, a part of a
 * message, a package in a manifest or a host. Paths are relative to the scan root, with forward
 * slashes; entries inside archives are written {@code outer.jar!/inner/path}.
 */
public sealed interface Location
    permits Location.File,
        Location.GitBlob,
        Location.LogEvent,
        Location.MailPart,
        Location.Package,
        Location.Host {

  /** The file the location is in, if it is in one; reports use it as the SARIF artifact. */
  Optional<String> artifactPath();

  /** A short human-readable rendering, e.g. {@code src/App.java:12}. */
  String display();

  /** A region of a file in the working tree (or inside an archive in it). */
  record File(String path, Region region, String snippet) implements Location {
    public File {
      Objects.requireNonNull(path, "path");
    }

    public File(String path, Region region) {
      this(path, region, null);
    }

    @Override
    public Optional<String> artifactPath() {
      return Optional.of(path);
    }

    @Override
    public String display() {
      return region == null ? path : path + ":" + region.startLine();
    }
  }

  /** A region of a file as it was in a git commit. */
  record GitBlob(String commit, String path, Region region, String snippet) implements Location {
    public GitBlob {
      Objects.requireNonNull(commit, "commit");
      Objects.requireNonNull(path, "path");
    }

    @Override
    public Optional<String> artifactPath() {
      return Optional.of(path);
    }

    @Override
    public String display() {
      String at = commit.length() > 12 ? commit.substring(0, 12) : commit;
      return path + (region == null ? "" : ":" + region.startLine()) + " @" + at;
    }
  }

  /** One event in a log file, identified by its record id. */
  record LogEvent(String path, String recordId, Instant timestamp, String channel, String host)
      implements Location {
    public LogEvent {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public Optional<String> artifactPath() {
      return Optional.of(path);
    }

    @Override
    public String display() {
      return path + (recordId == null ? "" : "#" + recordId);
    }
  }

  /**
   * A part of a mail message: {@code messageIndex} is 0 for a single-message file and the index in
   * a mailbox otherwise; {@code part} names a header, a MIME part, a URL or an attachment.
   */
  record MailPart(String path, int messageIndex, String part, String snippet) implements Location {
    public MailPart {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public Optional<String> artifactPath() {
      return Optional.of(path);
    }

    @Override
    public String display() {
      return path + (messageIndex > 0 ? "[" + messageIndex + "]" : "") + " " + part;
    }
  }

  /** A package (by package URL) declared in a manifest or lockfile. */
  record Package(String purl, String manifest, Region region) implements Location {
    public Package {
      Objects.requireNonNull(purl, "purl");
    }

    @Override
    public Optional<String> artifactPath() {
      return Optional.ofNullable(manifest);
    }

    @Override
    public String display() {
      return (manifest == null ? "" : manifest + " ") + purl;
    }
  }

  /** A host, by name or address. */
  record Host(String name, String address) implements Location {
    public Host {
      if (name == null && address == null) {
        throw new IllegalArgumentException("a host needs a name or an address");
      }
    }

    @Override
    public Optional<String> artifactPath() {
      return Optional.empty();
    }

    @Override
    public String display() {
      return name != null ? name : address;
    }
  }
}
