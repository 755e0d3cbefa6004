package com.example.docs;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;

/** Maintenance scripts run by administrators. */
public final class Scripts {
  private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");

  public Object runScript(String s) throws ScriptException {
    return engine.eval(s);
  }
}
