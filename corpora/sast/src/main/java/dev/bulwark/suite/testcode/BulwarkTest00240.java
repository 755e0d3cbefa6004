package dev.bulwark.suite.testcode;

import jakarta.servlet.http.*;
import java.net.*;
import java.util.*;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00240 {

  @PostMapping("/ssrf/BulwarkTest00240")
  public void handle(@RequestBody String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = new Test().doSomething(request, param);
    URL url = new URL("http://" + bar + "/status");
    HttpURLConnection conn = (HttpURLConnection) url.openConnection();
    response.getWriter().println(conn.getResponseCode());
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      List<String> values = new ArrayList<>();
      values.add("safe");
      values.add(param);
      values.add("moresafe");
      values.remove(0);
      String bar = values.get(1);
      return bar;
    }
  }
}
