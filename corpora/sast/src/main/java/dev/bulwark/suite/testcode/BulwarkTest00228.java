package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.function.Function;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00228 {

  @GetMapping("/ssrf/BulwarkTest00228/{BulwarkTest00228}")
  public void handle(@PathVariable("BulwarkTest00228") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    Function<String, String> f = new Function<String, String>() {
      @Override
      public String apply(String s) {
        return "anonymous-constant";
      }
    };
    String bar = f.apply(param);
    URL url = new URL("http://" + bar + "/status");
    HttpURLConnection conn = (HttpURLConnection) url.openConnection();
    response.getWriter().println(conn.getResponseCode());
  }
}
