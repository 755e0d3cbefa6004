package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Holder;
import dev.bulwark.suite.helpers.Processes;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00036 {

  @GetMapping("/cmdi/BulwarkTest00036")
  public void handle(@RequestParam("BulwarkTest00036") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = new Test().doSomething(request, param);
    // FIXME potential security issue
    Process p = Runtime.getRuntime().exec("nslookup " + bar);
    Processes.drain(p, response);
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
