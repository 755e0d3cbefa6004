package dev.bulwark.code.rules;

import dev.bulwark.core.model.Confidence;
import java.util.List;
import java.util.Set;

/**
 * One statement of the library model about a library method. The kinds are closed, so code that
 * interprets a call handles each one and the compiler says when a new kind is added.
 */
public sealed interface LibraryEntry
    permits LibraryEntry.Returns,
        LibraryEntry.Source,
        LibraryEntry.Sanitizer,
        LibraryEntry.Propagator,
        LibraryEntry.Flag {

  /** The library methods the entry is about. */
  MethodSpec method();

  /** A method whose result has a known type and, optionally, a tag. */
  public record Returns(MethodSpec method, String type, String tag) implements LibraryEntry {}

  /**
   * A method whose result is untrusted, described by the kind of data it is (request parameter,
   * archive entry name, uploaded file name) so a finding says why it was raised. {@code dangerous}
   * narrows the categories the data is dangerous for (an archive entry's name is chosen by whoever
   * made the archive, and matters where it names a file); empty means every category. {@code
   * confidence}, set by rule packs of inferred specifications, caps the confidence of findings from
   * this source (null: no cap).
   */
  public record Source(
      MethodSpec method, String description, Set<Category> dangerous, Confidence confidence)
      implements LibraryEntry {
    public Source {
      dangerous = Set.copyOf(dangerous);
    }

    public Source(MethodSpec method, String description, Set<Category> dangerous) {
      this(method, description, dangerous, null);
    }

    public Source(MethodSpec method, String description) {
      this(method, description, Set.of(), null);
    }
  }

  /**
   * A method whose result carries argument {@code arg} cleansed for {@code cleanses}. {@code
   * confidence} is null for the built-in model; a rule pack of inferred specifications gives its
   * own, and a sanitizer at {@link Confidence#LOW} (unverified) cleanses nothing: a flow through it
   * is still reported, at low confidence, so an unchecked guess never hides a finding.
   */
  public record Sanitizer(MethodSpec method, Set<Category> cleanses, int arg, Confidence confidence)
      implements LibraryEntry {
    public Sanitizer(MethodSpec method, Set<Category> cleanses, int arg) {
      this(method, cleanses, arg, null);
    }

    public boolean unverified() {
      return confidence == Confidence.LOW;
    }
  }

  /**
   * A method that moves data: from receiver (-1) or arguments to the result or the receiver. {@code
   * restores} marks decoders: what an encoder cleansed is dangerous again once decoded.
   */
  public record Propagator(
      MethodSpec method, List<Integer> from, boolean toReceiver, boolean restores)
      implements LibraryEntry {}

  /**
   * A call that sets {@code flag} on the receiver (or, for factories, on the object it returns)
   * when its arguments equal {@code when}.
   */
  public record Flag(MethodSpec method, List<Object> when, String flag, boolean onResult)
      implements LibraryEntry {}
}
