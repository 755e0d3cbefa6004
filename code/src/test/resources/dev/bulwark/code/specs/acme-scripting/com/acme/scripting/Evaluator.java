package com.acme.scripting;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.script.Bindings;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;

/** Evaluates spreadsheet-like formulas with a JavaScript engine. */
public class Evaluator {
  private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");
  private final Map<String, Object> variables = new java.util.HashMap<>();

  public Object run(String formula) throws ScriptException {
    return evaluate(formula, variables);
  }

  private Object evaluate(String formula, Map<String, Object> vars) throws ScriptException {
    Bindings b = engine.createBindings();
    b.putAll(vars);
    return engine.eval(formula, b);
  }

  public void define(String name, Object value) {
    variables.put(name, value);
  }

  public static String quote(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  public String describe(String formula) {
    return "formula of " + formula.length() + " characters";
  }
}
