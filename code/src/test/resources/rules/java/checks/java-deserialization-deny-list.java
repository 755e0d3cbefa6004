package fixtures.denylist;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/** A polymorphic-type validator of a JSON library: known gadgets are refused, the rest pass. */
class SubTypeValidator {
  protected static final Set<String> DEFAULT_NO_DESER_CLASS_NAMES;

  static {
    Set<String> s = new HashSet<String>();
    s.add("org.apache.commons.collections.functors.InvokerTransformer");
    s.add("com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl");
    s.add("com.sun.rowset.JdbcRowSetImpl");
    DEFAULT_NO_DESER_CLASS_NAMES = Collections.unmodifiableSet(s);
  }

  protected Set<String> illegalNames = DEFAULT_NO_DESER_CLASS_NAMES;

  public void validateSubType(Class<?> raw) {
    String full = raw.getName();
    // ruleid: java-deserialization-deny-list
    if (illegalNames.contains(full)) {
      throw new IllegalArgumentException("Illegal type " + full + " prevented for security reasons");
    }
  }

  /** Not a check: keeps the list up to date. */
  public void addIllegalName(String className) {
    // ok: java-deserialization-deny-list
    if (!illegalNames.contains(className)) {
      illegalNames = new HashSet<>(illegalNames);
    }
  }
}

/** A JSON parser's auto-type check that refuses names by their hash. */
class ParserConfig {
  private long[] denyHashCodes;

  {
    denyHashCodes = new long[] {0x80D0C70BCC2FEA02L, 0x86FC2BF9BEAF7AEFL};
  }

  public Class<?> checkAutoType(String typeName) throws ClassNotFoundException {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < typeName.length(); ++i) {
      hash ^= typeName.charAt(i);
      hash *= 0x100000001b3L;
    }
    // ruleid: java-deserialization-deny-list
    if (Arrays.binarySearch(denyHashCodes, hash) >= 0) {
      throw new IllegalStateException("autoType is not supported: " + typeName);
    }
    return Class.forName(typeName);
  }
}

interface Converter {
  boolean canConvert(Class<?> type);

  Object unmarshal(Object reader);
}

/** An XML binding whose only defence is a converter that refuses the classes it knows to be bad. */
class XmlBinding {
  private final java.util.List<Converter> converters = new java.util.ArrayList<>();

  XmlBinding() {
    init();
  }

  private void init() {
    converters.add(new BlacklistedTypesConverter());
  }

  private static class BlacklistedTypesConverter implements Converter {
    @Override
    // ruleid: java-deserialization-deny-list
    public boolean canConvert(Class<?> type) {
      try {
        KnownClasses.check(type.getName());
      } catch (SecurityException e) {
        return true;
      }
      return false;
    }

    @Override
    public Object unmarshal(Object reader) {
      throw new SecurityException("Refusing to unmarshal for security reasons");
    }
  }
}

class KnownClasses {
  static void check(String name) {
    if (name.startsWith("org.codehaus.groovy.runtime.")) {
      throw new SecurityException(name);
    }
  }
}

/** An allow-list: only the named classes are resolved, whatever else the list of bans holds. */
class AllowListObjectInputStream extends ObjectInputStream {
  private static final Set<String> ALLOWED = Set.of("com.example.Order", "com.example.Line");
  private static final Set<String> BLOCKED_CLASSES = Set.of("com.sun.rowset.JdbcRowSetImpl");

  AllowListObjectInputStream(InputStream in) throws IOException {
    super(in);
  }

  @Override
  protected Class<?> resolveClass(ObjectStreamClass desc)
      throws IOException, ClassNotFoundException {
    // ok: java-deserialization-deny-list
    if (BLOCKED_CLASSES.contains(desc.getName()) || !ALLOWED.contains(desc.getName())) {
      throw new InvalidClassException("Unauthorized deserialization attempt", desc.getName());
    }
    return super.resolveClass(desc);
  }
}

/** A list of banned words is not about classes. */
class CommentFilter {
  private static final Set<String> BANNED_WORDS = Set.of("spam", "scam");

  boolean acceptable(String comment) {
    for (String w : comment.split(" ")) {
      // ok: java-deserialization-deny-list
      if (BANNED_WORDS.contains(w)) {
        return false;
      }
    }
    return true;
  }
}
