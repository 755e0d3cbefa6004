package dev.bulwark.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.ConfigShape;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the optional LLM lives. From an {@code llm:} section the caller trusts (the user's own
 * configuration, never one found inside a scanned tree, which the CLI filters), overridden by the
 * environment ({@code BULWARK_LLM_PROVIDER}, {@code BULWARK_LLM_ENDPOINT}, {@code
 * BULWARK_LLM_MODEL}); the key comes from {@code BULWARK_LLM_API_KEY} (or {@code OPENAI_API_KEY}),
 * or a file named by {@code api-key-file} / {@code BULWARK_LLM_API_KEY_FILE} — never from the
 * command line, where other users could read it.
 *
 * <pre>
 * llm:
 *   provider: openai        # openai (any OpenAI-compatible endpoint) or ollama
 *   endpoint: http://127.0.0.1:11434/v1
 *   model: qwen2.5-coder:7b
 *   api-key-file: ~/.config/bulwark/llm-key
 *   timeout-seconds: 120
 *   prices: { input-per-million: 0.15, output-per-million: 0.60 }   # optional, for cost figures
 * </pre>
 */
public record LlmSettings(
    Provider provider,
    String endpoint,
    String model,
    Optional<SecretText> apiKey,
    Duration timeout,
    double temperature,
    Prices prices) {

  /** The keys the {@code llm:} section may hold. */
  public static final ConfigShape KEYS =
      ConfigShape.keys(
              "provider", "endpoint", "model", "api-key-file", "timeout-seconds", "temperature")
          .with("prices", ConfigShape.keys("input-per-million", "output-per-million"));

  /**
   * What the provider charges, in currency units per million tokens (0 when not configured: local
   * models, or prices the team has not entered).
   */
  public record Prices(double inputPerMillion, double outputPerMillion) {
    public static final Prices UNKNOWN = new Prices(0, 0);

    public boolean known() {
      return inputPerMillion > 0 || outputPerMillion > 0;
    }

    public double cost(long promptTokens, long completionTokens) {
      return promptTokens / 1e6 * inputPerMillion + completionTokens / 1e6 * outputPerMillion;
    }
  }

  /** The wire protocol. */
  public enum Provider {
    OPENAI,
    OLLAMA
  }

  public static Optional<LlmSettings> resolve(
      JsonNode section, Map<String, String> env, Path baseDir) throws InputException {
    String provider = first(env.get("BULWARK_LLM_PROVIDER"), text(section, "provider"), "openai");
    String endpoint = first(env.get("BULWARK_LLM_ENDPOINT"), text(section, "endpoint"), null);
    String model = first(env.get("BULWARK_LLM_MODEL"), text(section, "model"), null);
    if (endpoint == null || model == null) {
      return Optional.empty();
    }
    Provider p;
    try {
      p = Provider.valueOf(provider.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException("llm.provider must be openai or ollama, got '" + provider + "'", e);
    }
    Optional<SecretText> key = Optional.empty();
    String keyValue = first(env.get("BULWARK_LLM_API_KEY"), env.get("OPENAI_API_KEY"), null);
    String keyFile =
        first(env.get("BULWARK_LLM_API_KEY_FILE"), text(section, "api-key-file"), null);
    if (keyValue != null && !keyValue.isBlank()) {
      key = Optional.of(SecretText.of(keyValue.strip()));
    } else if (keyFile != null) {
      Path f =
          keyFile.startsWith("~/")
              ? Path.of(System.getProperty("user.home"), keyFile.substring(2))
              : baseDir.resolve(keyFile);
      try {
        key = Optional.of(SecretText.of(Files.readString(f, StandardCharsets.UTF_8).strip()));
      } catch (IOException e) {
        throw new InputException(f + ": cannot read the LLM API key: " + e.getMessage(), e);
      }
    }
    long timeout = section.path("timeout-seconds").asLong(120);
    double temperature = section.path("temperature").asDouble(0.0);
    return Optional.of(
        new LlmSettings(
            p,
            endpoint.replaceAll("/+$", ""),
            model,
            key,
            Duration.ofSeconds(timeout),
            temperature,
            new Prices(
                price(
                    env.get("BULWARK_LLM_PRICE_INPUT"),
                    section.path("prices").path("input-per-million")),
                price(
                    env.get("BULWARK_LLM_PRICE_OUTPUT"),
                    section.path("prices").path("output-per-million")))));
  }

  private static double price(String env, JsonNode configured) throws InputException {
    String v =
        env != null && !env.isBlank()
            ? env
            : configured.isMissingNode() ? null : configured.asText();
    if (v == null) {
      return 0;
    }
    try {
      double d = Double.parseDouble(v.strip());
      if (d < 0) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new InputException(
          "llm price must be a non-negative number per million tokens, got '" + v + "'");
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String first(String a, String b, String dflt) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    if (b != null && !b.isBlank()) {
      return b;
    }
    return dflt;
  }

  public LlmClient client() {
    return switch (provider) {
      case OPENAI -> new OpenAiClient(this);
      case OLLAMA -> new OllamaClient(this);
    };
  }
}
