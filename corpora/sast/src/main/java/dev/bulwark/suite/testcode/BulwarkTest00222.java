package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Http;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00222 {

  @GetMapping("/ssrf/BulwarkTest00222")
  public void handle(@RequestHeader(value = "BulwarkTest00222", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = doSomething(request, param);
    String body = Http.REST.getForObject("https://status.example.org/v1/" + bar.length(), String.class);
    response.getWriter().println(body != null);
    /* input is trusted here */
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    HashMap<String, Object> map = new HashMap<>();
    map.put("keyA", "a-value");
    map.put("keyB", param);
    String bar = (String) map.get("keyB");
    return bar;
  }
}
