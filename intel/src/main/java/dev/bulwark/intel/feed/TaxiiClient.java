package dev.bulwark.intel.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.stix.StixBundleReader;
import dev.bulwark.intel.store.IntelStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A TAXII 2.1 client (OASIS TAXII 2.1, §4–5): from a discovery URL or an API root, reads the
 * collections and pages through each readable one's objects ({@code limit}/{@code next}), storing
 * them as they arrive. A sync resumes after the last {@code X-TAXII-Date-Added-Last} the server
 * reported for the collection, kept in the store.
 */
public final class TaxiiClient {
  static final String MEDIA_TYPE = "application/taxii+json;version=2.1";
  static final int PAGE = 500;

  /** A server that never says {@code more: false} is stopped here. */
  static final int MAX_PAGES = 10_000;

  private final HttpClient http;
  private final IntelStore store;
  private final String authorization;

  /** What one collection gave. */
  public record CollectionSync(
      String id, String title, int pages, long read, long stored, String addedLast) {}

  /**
   * @param authorization an {@code Authorization} header value, or null
   */
  public TaxiiClient(IntelStore store, String authorization) {
    this.store = store;
    this.authorization = authorization;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Syncs the named collection (id or title), or every readable one when {@code collection} is
   * null.
   */
  public List<CollectionSync> sync(URI url, String collection) throws InputException {
    URI root = apiRoot(url);
    JsonNode cols = get(resolve(root, "collections/"));
    List<CollectionSync> out = new ArrayList<>();
    boolean found = false;
    for (JsonNode c : cols.path("collections")) {
      String id = c.path("id").asText();
      String title = c.path("title").asText("");
      if (collection != null && !collection.equals(id) && !collection.equals(title)) {
        continue;
      }
      found = true;
      if (!c.path("can_read").asBoolean(false)) {
        if (collection != null) {
          throw new InputException(url + ": collection '" + collection + "' is not readable");
        }
        continue;
      }
      out.add(syncCollection(root, id, title));
    }
    if (collection != null && !found) {
      throw new InputException(root + ": no collection with id or title '" + collection + "'");
    }
    return out;
  }

  private CollectionSync syncCollection(URI root, String id, String title) throws InputException {
    String stateId = dev.bulwark.intel.stix.StixIds.of("x-bulwark-taxii-state", root + "|" + id);
    Optional<JsonNode> state = store.get(stateId);
    String addedAfter = state.map(s -> s.path("added_last").asText(null)).orElse(null);
    String next = null;
    long[] counts = new long[2];
    int pages = 0;
    String addedLast = addedAfter;
    do {
      StringBuilder q = new StringBuilder("collections/" + enc(id) + "/objects/?limit=" + PAGE);
      if (addedAfter != null) {
        q.append("&added_after=").append(enc(addedAfter));
      }
      if (next != null) {
        q.append("&next=").append(enc(next));
      }
      URI u = resolve(root, q.toString());
      HttpResponse<InputStream> resp = send(u);
      String last = resp.headers().firstValue("X-TAXII-Date-Added-Last").orElse(null);
      if (last != null && (addedLast == null || last.compareTo(addedLast) > 0)) {
        addedLast = last;
      }
      StixBundleReader.Header h;
      try (InputStream in = resp.body()) {
        h =
            StixBundleReader.read(
                in,
                u.toString(),
                o -> {
                  counts[0]++;
                  if (store.put(o, "taxii:" + root.getHost() + ":" + id)) {
                    counts[1]++;
                  }
                });
      } catch (IOException e) {
        throw new InputException(u + ": " + e.getMessage(), e);
      }
      pages++;
      next = Boolean.TRUE.equals(h.more()) ? h.next() : null;
      if (Boolean.TRUE.equals(h.more()) && next == null) {
        throw new InputException(u + ": the server says more objects follow but gives no 'next'");
      }
    } while (next != null && pages < MAX_PAGES);
    if (addedLast != null) {
      var s = StixBundleReader.mapper().createObjectNode();
      String now = dev.bulwark.intel.stix.StixIds.timestamp(java.time.Instant.now());
      s.put("type", "x-bulwark-taxii-state");
      s.put("id", stateId);
      s.put("created", now);
      s.put("modified", now);
      s.put("api_root", root.toString());
      s.put("collection", id);
      s.put("added_last", addedLast);
      store.put(s, "taxii-state");
    }
    store.flush();
    return new CollectionSync(id, title, pages, counts[0], counts[1], addedLast);
  }

  /** A discovery document names API roots; anything else is taken to be an API root. */
  private URI apiRoot(URI url) throws InputException {
    JsonNode d = get(url);
    if (d.has("api_roots")) {
      String root = d.path("default").asText("");
      if (root.isEmpty()) {
        root = d.path("api_roots").path(0).asText("");
      }
      if (root.isEmpty()) {
        throw new InputException(url + ": the discovery document lists no API root");
      }
      URI r = url.resolve(root);
      return r.toString().endsWith("/") ? r : URI.create(r + "/");
    }
    return url.toString().endsWith("/") ? url : URI.create(url + "/");
  }

  private JsonNode get(URI u) throws InputException {
    HttpResponse<InputStream> resp = send(u);
    try (InputStream in = resp.body()) {
      return StixBundleReader.mapper().readTree(in);
    } catch (IOException e) {
      throw new InputException(u + ": not a TAXII JSON response: " + e.getMessage(), e);
    }
  }

  private HttpResponse<InputStream> send(URI u) throws InputException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(u)
            .timeout(Duration.ofSeconds(60))
            .header("Accept", MEDIA_TYPE)
            .GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      HttpResponse<InputStream> resp =
          http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (resp.statusCode() != 200) {
        resp.body().close();
        throw new InputException(u + ": TAXII server answered HTTP " + resp.statusCode());
      }
      return resp;
    } catch (IOException e) {
      throw new InputException(u + ": cannot reach the TAXII server: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException(u + ": interrupted", e);
    }
  }

  private static URI resolve(URI root, String path) {
    return root.resolve(path);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
