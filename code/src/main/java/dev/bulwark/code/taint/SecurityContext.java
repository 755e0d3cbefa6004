package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a weak primitive (MD5, {@code java.util.Random}) is used where security depends on it.
 * The same call picks a server for consistent hashing or a back-off delay as often as it makes a
 * password hash or a session token; only the second is a vulnerability. The judgement is made from
 * the words of the code around the call — the enclosing method (or, for a field, the field and the
 * methods that use it): its name, identifiers, string literals and types. A security word
 * (password, token, secret, salt, nonce, session, signature, a secret/private/API key …) or a
 * crypto type (Cipher, Mac, SecretKeySpec, KeyGenerator …) makes it a security context.
 */
final class SecurityContext {
  private SecurityContext() {}

  /** Words that make the surrounding code security-relevant on their own. */
  private static final Set<String> WORDS =
      Set.of(
          "password",
          "passwd",
          "pwd",
          "passphrase",
          "secret",
          "token",
          "salt",
          "nonce",
          "credential",
          "credentials",
          "auth",
          "authenticate",
          "authentication",
          "login",
          "session",
          "sessionid",
          "csrf",
          "xsrf",
          "otp",
          "totp",
          "captcha",
          "signature",
          "sign",
          "signed",
          "hmac",
          "cipher",
          "encrypt",
          "decrypt",
          "encryption",
          "crypto",
          "apikey",
          "remember",
          "verification",
          "digestauth",
          "cookie",
          "iv");

  /** Qualifiers that make "key" a secret rather than a map or hash-ring key. */
  private static final Set<String> KEY_QUALIFIERS =
      Set.of("secret", "private", "api", "signing", "encryption", "aes", "des", "hmac", "access");

  /** Types whose presence means cryptography is being done here. */
  private static final Set<String> CRYPTO_TYPES =
      Set.of(
          "Cipher",
          "Mac",
          "SecretKey",
          "SecretKeySpec",
          "KeyGenerator",
          "KeyPairGenerator",
          "Signature",
          "IvParameterSpec",
          "GCMParameterSpec",
          "PBEKeySpec",
          "SecretKeyFactory",
          "KeyStore");

  /** The security word that makes the call's surroundings security-relevant, or null. */
  static String reason(Node site) {
    for (Node scope : scopes(site)) {
      String why = reasonIn(scope);
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  /** The code that decides: the enclosing callable, or a field and the methods that use it. */
  private static List<Node> scopes(Node site) {
    List<Node> out = new ArrayList<>();
    Node n = site;
    while (n.getParentNode().isPresent()) {
      n = n.getParentNode().get();
      if (n instanceof CallableDeclaration<?> || n instanceof LambdaExpr) {
        out.add(n);
        if (n instanceof CallableDeclaration<?>) {
          return out;
        }
      }
      if (n instanceof FieldDeclaration fd) {
        out.add(fd);
        ClassOrInterfaceDeclaration cls = enclosingClass(fd);
        if (cls != null) {
          for (VariableDeclarator v : fd.getVariables()) {
            String name = v.getNameAsString();
            for (CallableDeclaration<?> m : cls.findAll(CallableDeclaration.class)) {
              if (m.findFirst(NameExpr.class, e -> e.getNameAsString().equals(name)).isPresent()
                  || m.findFirst(
                          SimpleName.class,
                          e ->
                              e.asString().equals(name)
                                  && e.getParentNode()
                                      .filter(p ->
                                          p
                                              instanceof
                                              com.github.javaparser.ast.expr.FieldAccessExpr)
                                      .isPresent())
                      .isPresent()) {
                out.add(m);
              }
            }
          }
        }
        return out;
      }
    }
    return out;
  }

  private static ClassOrInterfaceDeclaration enclosingClass(Node n) {
    Node p = n.getParentNode().orElse(null);
    while (p != null && !(p instanceof ClassOrInterfaceDeclaration)) {
      p = p.getParentNode().orElse(null);
    }
    return (ClassOrInterfaceDeclaration) p;
  }

  private static String reasonIn(Node scope) {
    for (ClassOrInterfaceType t : scope.findAll(ClassOrInterfaceType.class)) {
      if (CRYPTO_TYPES.contains(t.getNameAsString())) {
        return "uses " + t.getNameAsString();
      }
    }
    for (SimpleName n : scope.findAll(SimpleName.class)) {
      String why = securityWord(n.asString());
      if (why != null) {
        return why;
      }
    }
    for (StringLiteralExpr s : scope.findAll(StringLiteralExpr.class)) {
      String why = securityWord(s.asString());
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  /** The security word in an identifier or text, split at case changes and non-letters. */
  static String securityWord(String text) {
    List<String> words = words(text);
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (WORDS.contains(w)) {
        return w;
      }
      if ((w.equals("key") || w.equals("keys"))
          && i > 0
          && KEY_QUALIFIERS.contains(words.get(i - 1))) {
        return words.get(i - 1) + " key";
      }
    }
    return null;
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length() && i < 200; i++) {
      char c = text.charAt(i);
      boolean boundary =
          !Character.isLetter(c)
              || Character.isUpperCase(c)
                  && cur.length() > 0
                  && (Character.isLowerCase(text.charAt(i - 1))
                      || i + 1 < text.length() && Character.isLowerCase(text.charAt(i + 1)));
      if (boundary && cur.length() > 0) {
        out.add(cur.toString().toLowerCase(Locale.ROOT));
        cur.setLength(0);
      }
      if (Character.isLetter(c)) {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString().toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
