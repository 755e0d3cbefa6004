package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.List;
import java.util.Optional;

/** Open redirect → an allowlist of targets: paths on this site; anything else goes to "/". */
public final class OpenRedirectFix implements FixTemplate {
  @Override
  public List<String> rules() {
    return List.of("java-open-redirect");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    Optional<MethodCallExpr> call = ctx.sinkCall();
    if (call.isEmpty()
        || call.get().getArguments().size() != 1
        || !call.get().getNameAsString().equals("sendRedirect")) {
      return List.of();
    }
    EditSet e = ctx.edits();
    e.replace(
        call.get().getArgument(0),
        "siteLocalRedirect(" + ctx.text(call.get().getArgument(0)) + ")");
    ctx.topType().ifPresent(t -> e.addMember(t, "siteLocalRedirect", Helpers.SITE_LOCAL_REDIRECT));
    return List.of(
        new Candidate(
            "Redirects only to paths on this site (siteLocalRedirect); other targets go to the start page.",
            e.apply(),
            List.of(),
            "template:redirect-allowlist"));
  }
}
