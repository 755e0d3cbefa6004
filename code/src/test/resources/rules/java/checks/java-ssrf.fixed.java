package fixtures.ssrf;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class PreviewController {
  private final RestTemplate rest = new RestTemplate();

  @GetMapping("/preview")
  public String preview(@RequestParam("url") String url) throws IOException {
    // ruleid: java-ssrf
    try (InputStream in = new URL(allowedUrl(url)).openStream()) {
      return new String(in.readNBytes(1024));
    }
  }

  @GetMapping("/proxy")
  public String proxy(@RequestParam String path) {
    // ruleid: java-ssrf
    return rest.getForObject(allowedUrl("http://" + path), String.class);
  }

  @GetMapping("/status")
  public String status(@RequestParam String service) {
    // ok: java-ssrf
    return rest.getForObject("https://status.example.org/api", String.class);
  }

  @GetMapping("/search")
  public String search(@RequestParam String q) {
    // ok: java-ssrf
    return rest.getForObject("https://search.example.org/api?q=" + q, String.class);
  }

  /** Outgoing requests may go only to these origins: list the services this code must reach. */
  private static final java.util.List<String> ALLOWED_ORIGINS = java.util.List.of("https://api.example.org/");

  /** Refuses a destination outside ALLOWED_ORIGINS. */
  private static String allowedUrl(String url) {
    for (String origin : ALLOWED_ORIGINS) {
      if (url != null && url.startsWith(origin)) {
        return url;
      }
    }
    throw new IllegalArgumentException("destination not allowed");
  }
}
