package dev.bulwark.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.feed.TaxiiClient;
import dev.bulwark.intel.stix.StixBundleReader;
import dev.bulwark.intel.store.IntelStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code intel sync} against a TAXII 2.1 server written here on the JDK's HTTP server: discovery,
 * API root, collections, and an objects endpoint that pages two objects at a time with {@code
 * more}/{@code next}, honours {@code added_after} and sends {@code X-TAXII-Date-Added-Last}.
 */
class TaxiiSyncTest {
  static final String COLLECTION = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";
  static final int PAGE = 2;

  @TempDir Path dataDir;
  HttpServer server;
  final List<String> requests = new ArrayList<>();
  final List<String> accepts = new ArrayList<>();
  List<JsonNode> objects;

  /** The date each object was added to the collection, in order. */
  List<String> added;

  @BeforeEach
  void start() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/taxii/objects.json")) {
      objects = new ArrayList<>();
      StixBundleReader.mapper().readTree(in).forEach(objects::add);
    }
    added = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      added.add("2026-02-0" + (i + 1) + "T00:00:00.000Z");
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    requests.add(ex.getRequestURI().toString());
    accepts.add(ex.getRequestHeaders().getFirst("Accept"));
    ObjectNode body = StixBundleReader.mapper().createObjectNode();
    Map<String, String> headers = new HashMap<>();
    switch (path) {
      case "/taxii2/" -> {
        body.put("title", "test TAXII server");
        body.put("default", base() + "/api1/");
        body.putArray("api_roots").add(base() + "/api1/");
      }
      case "/api1/" -> {
        body.put("title", "API root 1");
        body.putArray("versions").add("application/taxii+json;version=2.1");
        body.put("max_content_length", 10_000_000);
      }
      case "/api1/collections/" -> {
        ArrayNode cols = body.putArray("collections");
        cols.addObject()
            .put("id", COLLECTION)
            .put("title", "Example actors")
            .put("can_read", true)
            .put("can_write", false);
        cols.addObject()
            .put("id", "472c94ae-3113-4e3e-a4dd-a9f4ac7471d4")
            .put("title", "Write only")
            .put("can_read", false)
            .put("can_write", true);
      }
      default -> {
        if (!path.equals("/api1/collections/" + COLLECTION + "/objects/")) {
          ex.sendResponseHeaders(404, -1);
          ex.close();
          return;
        }
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        String after = q.get("added_after");
        int from = q.containsKey("next") ? Integer.parseInt(q.get("next")) : 0;
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
          if (after == null || added.get(i).compareTo(after) > 0) {
            eligible.add(i);
          }
        }
        int to = Math.min(from + PAGE, eligible.size());
        ArrayNode objs = body.putArray("objects");
        for (int k = from; k < to; k++) {
          objs.add(objects.get(eligible.get(k)));
        }
        body.put("more", to < eligible.size());
        if (to < eligible.size()) {
          body.put("next", String.valueOf(to));
        }
        if (to > from) {
          headers.put("X-TAXII-Date-Added-First", added.get(eligible.get(from)));
          headers.put("X-TAXII-Date-Added-Last", added.get(eligible.get(to - 1)));
        }
      }
    }
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/taxii+json;version=2.1");
    headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String kv : raw.split("&")) {
      String[] p = kv.split("=", 2);
      out.put(
          java.net.URLDecoder.decode(p[0], StandardCharsets.UTF_8),
          p.length > 1 ? java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
    }
    return out;
  }

  @Test
  void sync_fromDiscovery_pagesThroughTheReadableCollectionIntoTheStore() throws Exception {
    List<TaxiiClient.CollectionSync> r =
        new IntelService(dataDir).sync(URI.create(base() + "/taxii2/"), null, null);

    assertThat(r).hasSize(1);
    assertThat(r.get(0).read()).isEqualTo(5);
    assertThat(r.get(0).pages()).isEqualTo(3);
    assertThat(r.get(0).addedLast()).isEqualTo("2026-02-05T00:00:00.000Z");
    assertThat(accepts).allMatch(a -> a.equals("application/taxii+json;version=2.1"));
    try (IntelStore store = IntelStore.open(dataDir)) {
      assertThat(store.stats().byType())
          .containsEntry("intrusion-set", 1L)
          .containsEntry("relationship", 1L)
          .containsEntry("indicator", 1L);
      assertThat(store.idsByExternalId("T9001"))
          .containsExactly("attack-pattern--7e150503-88e7-4861-866b-ff1ac82c4475");
      assertThat(store.relationships("uses")).hasSize(1);
    }
  }

  @Test
  void secondSync_asksOnlyForWhatWasAddedSince() throws Exception {
    IntelService intel = new IntelService(dataDir);
    intel.sync(URI.create(base() + "/api1/"), "Example actors", null);
    ObjectNode newer = (ObjectNode) objects.get(0).deepCopy();
    newer.put("modified", "2026-03-01T00:00:00.000Z");
    newer.put("description", "Now also targets Austria.");
    objects.add(newer);
    added.add("2026-03-01T00:00:00.000Z");
    requests.clear();

    List<TaxiiClient.CollectionSync> r =
        intel.sync(URI.create(base() + "/api1/"), COLLECTION, null);

    assertThat(r.get(0).read()).isEqualTo(1);
    assertThat(r.get(0).stored()).isEqualTo(1);
    assertThat(requests).anyMatch(q -> q.contains("added_after=2026-02-05T00%3A00%3A00.000Z"));
    try (IntelStore store = IntelStore.open(dataDir)) {
      assertThat(store.get(newer.get("id").asText()).orElseThrow().path("description").asText())
          .isEqualTo("Now also targets Austria.");
    }
  }

  @Test
  void unknownCollection_isAnErrorNamingIt() {
    assertThatThrownBy(
            () -> new IntelService(dataDir).sync(URI.create(base() + "/taxii2/"), "nope", null))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'nope'");
  }
}
