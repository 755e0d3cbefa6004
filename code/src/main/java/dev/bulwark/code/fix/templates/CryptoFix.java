package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Weak cryptography → current defaults: AES in GCM mode for ciphers, SHA-256 for digests and
 * signatures, 3072-bit RSA/DSA/DH and 256-bit EC and symmetric keys.
 */
public final class CryptoFix implements FixTemplate {
  private static final Map<String, String> DIGEST_UTILS =
      Map.ofEntries(
          Map.entry("md2", "sha256"),
          Map.entry("md2Hex", "sha256Hex"),
          Map.entry("md5", "sha256"),
          Map.entry("md5Hex", "sha256Hex"),
          Map.entry("sha", "sha256"),
          Map.entry("shaHex", "sha256Hex"),
          Map.entry("sha1", "sha256"),
          Map.entry("sha1Hex", "sha256Hex"),
          Map.entry("getMd5Digest", "getSha256Digest"),
          Map.entry("getMd2Digest", "getSha256Digest"),
          Map.entry("getSha1Digest", "getSha256Digest"));

  @Override
  public List<String> rules() {
    return List.of("java-weak-cipher", "java-weak-hash", "java-weak-key-size");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    EditSet e = ctx.edits();
    String rule = ctx.finding().ruleId();
    Optional<MethodCallExpr> call = ctx.sinkCall();
    String description;
    if (call.isPresent()) {
      MethodCallExpr m = call.get();
      String name = m.getNameAsString();
      String owner = m.getScope().map(ctx::text).orElse("");
      if (name.equals("getInstance") && !m.getArguments().isEmpty()) {
        Expression alg = m.getArgument(0);
        String replacement;
        if (owner.endsWith("Cipher")) {
          replacement = "\"AES/GCM/NoPadding\"";
          description =
              "Uses AES in GCM mode (authenticated encryption) instead of a broken cipher or ECB mode; use a fresh 12-byte IV per message.";
        } else if (owner.endsWith("KeyGenerator")) {
          replacement = "\"AES\"";
          description = "Generates AES keys instead of keys for a broken cipher.";
        } else if (owner.endsWith("MessageDigest")) {
          replacement = "\"SHA-256\"";
          description = "Uses SHA-256 instead of a broken hash function.";
        } else if (owner.endsWith("Signature")) {
          replacement = "\"SHA256withRSA\"";
          description = "Signs with SHA-256 instead of a broken hash function.";
        } else {
          return List.of();
        }
        e.replace(alg, replacement);
      } else if (DIGEST_UTILS.containsKey(name) && owner.endsWith("DigestUtils")) {
        e.replace(
            m,
            owner
                + "."
                + DIGEST_UTILS.get(name)
                + "("
                + String.join(", ", m.getArguments().stream().map(ctx::text).toList())
                + ")");
        description = "Uses SHA-256 instead of a broken hash function.";
      } else if ((name.equals("md5") || name.equals("sha1")) && owner.endsWith("Hashing")) {
        e.replace(m, owner + ".sha256()");
        description = "Uses SHA-256 instead of a broken hash function.";
      } else if ((name.equals("initialize") || name.equals("init"))
          && !m.getArguments().isEmpty()
          && rule.equals("java-weak-key-size")) {
        boolean ec = ctx.finding().message().contains("below 224");
        String size = name.equals("init") ? "256" : ec ? "256" : "3072";
        e.replace(m.getArgument(0), size);
        description = "Generates keys of " + size + " bits.";
      } else {
        return List.of();
      }
    } else if (ctx.sinkCreation().isPresent() && rule.equals("java-weak-key-size")) {
      ObjectCreationExpr o = ctx.sinkCreation().get();
      if (o.getArguments().isEmpty()) {
        return List.of();
      }
      e.replace(o.getArgument(0), "3072");
      description = "Generates 3072-bit RSA keys.";
    } else {
      return List.of();
    }
    return List.of(new Candidate(description, e.apply(), List.of(), "template:crypto-defaults"));
  }
}
