package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.List;

/**
 * Hard-coded credentials → read from the environment at run time. The literal stays out of the code
 * from now on; it must still be rotated, since it remains in the history.
 */
public final class HardcodedCredentialFix implements FixTemplate {
  @Override
  public List<String> rules() {
    return List.of("java-hardcoded-credential");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    String owner;
    String name;
    List<Expression> args;
    if (ctx.sinkCall().isPresent()) {
      MethodCallExpr m = ctx.sinkCall().get();
      owner = m.getScope().map(ctx::text).orElse("");
      name = m.getNameAsString();
      args = m.getArguments();
    } else if (ctx.sinkCreation().isPresent()) {
      ObjectCreationExpr o = ctx.sinkCreation().get();
      owner = o.getType().getNameAsString();
      name = "<init>";
      args = o.getArguments();
    } else {
      return List.of();
    }
    int index;
    String variable;
    String conversion;
    if (owner.endsWith("SecretKeySpec")) {
      index = 0;
      variable = "APP_SECRET_KEY";
      conversion = ".getBytes(java.nio.charset.StandardCharsets.UTF_8)";
    } else if (owner.endsWith("PBEKeySpec")) {
      index = 0;
      variable = "APP_PASSWORD";
      conversion = ".toCharArray()";
    } else if (owner.endsWith("PasswordAuthentication")) {
      index = 1;
      variable = "PROXY_PASSWORD";
      conversion = ".toCharArray()";
    } else if (name.equals("load") || name.equals("getKey") || name.equals("setKeyEntry")) {
      index = 1;
      variable = "KEYSTORE_PASSWORD";
      conversion = ".toCharArray()";
    } else if (name.equals("getConnection")) {
      index = args.size() - 1;
      variable = "DB_PASSWORD";
      conversion = "";
    } else if (name.equals("setPassword")) {
      index = 0;
      variable = "DB_PASSWORD";
      conversion = "";
    } else {
      return List.of();
    }
    if (index < 0 || index >= args.size()) {
      return List.of();
    }
    EditSet e = ctx.edits();
    e.replace(args.get(index), "System.getenv(\"" + variable + "\")" + conversion);
    return List.of(
        new Candidate(
            "Reads the credential from the environment variable "
                + variable
                + " instead of the source code; rotate the old one, it stays in the history.",
            e.apply(),
            List.of(),
            "template:credential-from-environment"));
  }
}
