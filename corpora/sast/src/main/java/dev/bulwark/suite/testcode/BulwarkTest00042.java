package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Processes;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00042 {

  @GetMapping("/cmdi/BulwarkTest00042")
  public void handle(@RequestHeader(value = "BulwarkTest00042", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = doSomething(request, param);
    int count = bar.length();
    Process p = Runtime.getRuntime().exec("sleep " + count);
    Processes.drain(p, response);
    // FIXME potential security issue
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    HashMap<String, Object> map = new HashMap<>();
    map.put("keyA", "a-value");
    map.put("keyB", param);
    String bar = (String) map.get("keyB");
    return bar;
  }
}
