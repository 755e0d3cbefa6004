package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.commons.io.FilenameUtils;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Files2;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00084 {

  @GetMapping("/pathtraver/BulwarkTest00084")
  public void handle(@CookieValue(value = "BulwarkTest00084", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = doSomething(request, param);
    Path path = Paths.get(Files2.ROOT, FilenameUtils.getName(bar));
    // this is the bad case
    response.getWriter().println(Files.exists(path));
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    String bar = param.trim().toLowerCase().replace("a", "b").substring(0);
    return bar;
  }
}
