package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.HttpURLConnection;
import java.net.URL;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Holder;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00216 {

  @GetMapping("/ssrf/BulwarkTest00216")
  public void handle(@RequestParam("BulwarkTest00216") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = new Test().doSomething(request, param);
    URL url = new URL("http://" + bar + "/status");
    /* input is trusted here */
    HttpURLConnection conn = (HttpURLConnection) url.openConnection();
    response.getWriter().println(conn.getResponseCode());
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      Holder holder = new Holder();
      holder.value = param;
      holder.other = "other";
      String bar = holder.other;
      return bar;
    }
  }
}
