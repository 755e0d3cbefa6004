package dev.bulwark.code.fix;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.bulwark.ai.llm.Completion;
import dev.bulwark.ai.llm.LlmClient;
import dev.bulwark.ai.llm.LlmException;
import dev.bulwark.ai.llm.Prompt;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.rules.JavaRule;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Location;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a language model for a corrected version of the method around a finding. The answer is only
 * a proposal: it must be one method with the same name that parses, and then it goes through the
 * same verification as a template's patch. The record of a patch names the model and the prompt
 * version.
 */
public final class LlmProposals implements FixEngine.ProposalSource {
  private static final Pattern JAVA_BLOCK =
      Pattern.compile("```(?:java)?\\s*\\n(.*?)```", Pattern.DOTALL);
  private static final int MAX_ANSWER_GROWTH = 4;

  private final LlmClient client;
  private final Prompt prompt;
  private final DiagnosticSink diagnostics;

  public LlmProposals(LlmClient client, DiagnosticSink diagnostics) throws InputException {
    this.client = client;
    this.prompt = Prompt.load("java-fix");
    this.diagnostics = diagnostics;
  }

  @Override
  public List<Candidate> propose(FixContext ctx) throws InterruptedException {
    Optional<CallableDeclaration<?>> method = ctx.method();
    if (method.isEmpty()) {
      return List.of();
    }
    JavaRule rule;
    try {
      rule = RulePacks.builtIn().rule(ctx.finding().ruleId());
    } catch (InputException | java.util.NoSuchElementException e) {
      return List.of();
    }
    String original = ctx.text(method.get());
    int line =
        ctx.finding().primaryLocation() instanceof Location.File f && f.region() != null
            ? f.region().startLine()
            : 0;
    Completion answer;
    try {
      answer =
          client.complete(
              prompt.render(
                  Map.of(
                      "rule_name", rule.name(),
                      "cwe", Integer.toString(rule.cwe()),
                      "line", Integer.toString(line),
                      "path", ctx.path(),
                      "message", ctx.finding().message(),
                      "remediation", rule.remediation(),
                      "method", original)));
    } catch (LlmException e) {
      diagnostics.report(
          Diagnostic.warning("fix", ctx.path(), "the model gave no proposal: " + e.getMessage()));
      return List.of();
    }
    Matcher m = JAVA_BLOCK.matcher(answer.text());
    if (!m.find()) {
      return List.of();
    }
    String proposed = m.group(1).strip();
    if (proposed.length() > original.length() * MAX_ANSWER_GROWTH + 4000
        || !isSameMethod(proposed, method.get())) {
      return List.of();
    }
    String indented = reindent(proposed, ctx.edits().indentOf(method.get()));
    EditSet e = ctx.edits();
    e.replace(method.get(), indented);
    return List.of(
        new Candidate(
            "Model-proposed rewrite of "
                + method.get().getNameAsString()
                + ": "
                + rule.remediation(),
            e.apply(),
            List.of(),
            "llm:" + client.describe() + "; prompt " + prompt.version()));
  }

  /** The answer must be exactly one method or constructor with the original's name. */
  private static boolean isSameMethod(String code, CallableDeclaration<?> original) {
    ParseResult<CompilationUnit> r =
        new JavaParser(
                new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21))
            .parse("class BulwarkProposal {\n" + code + "\n}");
    if (!r.isSuccessful() || r.getResult().isEmpty()) {
      return false;
    }
    TypeDeclaration<?> t = r.getResult().get().getType(0);
    return t.getMembers().size() == 1
        && t.getMember(0) instanceof CallableDeclaration<?> c
        && c.getNameAsString().equals(original.getNameAsString());
  }

  private static String reindent(String code, String indent) {
    String[] lines = code.split("\n", -1);
    int common = Integer.MAX_VALUE;
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        common = Math.min(common, lines[i].length() - lines[i].stripLeading().length());
      }
    }
    if (common == Integer.MAX_VALUE) {
      common = 0;
    }
    // the closing brace sits at the method's own indentation
    int last = lines[lines.length - 1].length() - lines[lines.length - 1].stripLeading().length();
    int base = Math.min(common, last);
    StringBuilder out = new StringBuilder(lines[0].strip());
    for (int i = 1; i < lines.length; i++) {
      String l = lines[i];
      out.append('\n');
      if (!l.isBlank()) {
        out.append(indent)
            .append(l.substring(Math.min(base, l.length() - l.stripLeading().length())));
      }
    }
    return out.toString();
  }
}
