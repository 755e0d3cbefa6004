package dev.bulwark.ai.llm;

import java.util.List;

/**
 * A large language model behind an HTTP API. Bulwark treats every answer as a proposal: callers
 * verify it with a deterministic check before anything is used.
 */
public interface LlmClient {
  Completion complete(List<Message> messages) throws LlmException, InterruptedException;

  /** The provider and model, for provenance records ("openai:gpt-4o-mini"). */
  String describe();
}
