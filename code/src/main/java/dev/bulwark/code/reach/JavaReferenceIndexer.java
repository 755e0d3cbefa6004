package dev.bulwark.code.reach;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.TextSniffer;
import dev.bulwark.core.reach.CodeReferences;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Java's answer to "does the project use this package": imports, fully-qualified type names and
 * method names called on imported types, from every Java source of the tree.
 */
public final class JavaReferenceIndexer implements CodeReferences.Indexer {
  @Override
  public CodeReferences index(SourceTree tree) {
    Set<String> types = new HashSet<>();
    Set<String> packages = new HashSet<>();
    Set<String> calls = new HashSet<>();
    boolean any = false;
    JavaParser parser =
        new JavaParser(
            new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)
                .setAttributeComments(false));
    for (SourceFile f : tree.files()) {
      if (!f.extension().equals("java")) {
        continue;
      }
      any = true;
      ParseResult<CompilationUnit> r;
      try {
        byte[] b =
            dev.bulwark.core.files.Roots.readBounded(
                f.path(), dev.bulwark.code.project.ProjectModel.MAX_SOURCE_BYTES);
        r = parser.parse(TextSniffer.decode(b, 0, b.length));
      } catch (IOException | RuntimeException e) {
        continue;
      }
      if (r.getResult().isEmpty()) {
        continue;
      }
      CompilationUnit cu = r.getResult().get();
      for (ImportDeclaration i : cu.getImports()) {
        String n = i.getNameAsString();
        if (i.isAsterisk()) {
          packages.add(n);
        } else {
          types.add(n);
          int dot = n.lastIndexOf('.');
          if (dot > 0) {
            packages.add(
                i.isStatic()
                    ? n.substring(
                        0, n.lastIndexOf('.', dot - 1) > 0 ? n.lastIndexOf('.', dot - 1) : dot)
                    : n.substring(0, dot));
          }
          if (i.isStatic()) {
            calls.add(n);
          }
        }
      }
      for (ClassOrInterfaceType t : cu.findAll(ClassOrInterfaceType.class)) {
        String n = t.getNameWithScope();
        if (n.contains(".") && Character.isLowerCase(n.charAt(0))) {
          types.add(n);
          packages.add(n.substring(0, n.lastIndexOf('.')));
        }
      }
      for (FieldAccessExpr fa : cu.findAll(FieldAccessExpr.class)) {
        String n = fa.toString();
        if (n.matches("[a-z][\\w]*(\\.[a-z][\\w]*)+\\.[A-Z]\\w*")) {
          types.add(n);
          packages.add(n.substring(0, n.lastIndexOf('.')));
        }
      }
      for (MethodCallExpr m : cu.findAll(MethodCallExpr.class)) {
        calls.add(m.getNameAsString());
        m.getScope().ifPresent(s -> calls.add(s + "." + m.getNameAsString()));
      }
    }
    boolean hasCode = any;
    return new CodeReferences() {
      @Override
      public boolean hasCode() {
        return hasCode;
      }

      @Override
      public Optional<Boolean> references(Collection<String> targets) {
        if (!hasCode) {
          return Optional.empty();
        }
        for (String t : targets) {
          if (packages.contains(t) || types.contains(t)) {
            return Optional.of(true);
          }
          for (String p : packages) {
            if (p.startsWith(t + ".")) {
              return Optional.of(true);
            }
          }
          // a member: Type.method — the type imported and the method called
          int dot = t.lastIndexOf('.');
          if (dot > 0 && Character.isLowerCase(t.charAt(dot + 1))) {
            String type = t.substring(0, dot);
            String simple = type.substring(type.lastIndexOf('.') + 1);
            String method = t.substring(dot + 1);
            if ((types.contains(type)
                    || packages.contains(type.substring(0, Math.max(0, type.lastIndexOf('.')))))
                && (calls.contains(simple + "." + method)
                    || calls.contains(type + "." + method)
                    || calls.contains(method))) {
              return Optional.of(true);
            }
          }
        }
        return Optional.of(false);
      }
    };
  }
}
