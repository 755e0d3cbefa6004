package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Function;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Processes;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00048 {

  @GetMapping("/cmdi/BulwarkTest00048/{BulwarkTest00048}")
  public void handle(@PathVariable("BulwarkTest00048") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    Function<String, String> f = new Function<String, String>() {
    // validated by the gateway before it reaches this handler
      @Override
      public String apply(String s) {
        return "anonymous-constant";
      }
    };
    String bar = f.apply(param);
    String[] argsEnv = {"TARGET=" + bar};
    Process p = Runtime.getRuntime().exec("printenv TARGET", argsEnv);
    Processes.drain(p, response);
  }
}
