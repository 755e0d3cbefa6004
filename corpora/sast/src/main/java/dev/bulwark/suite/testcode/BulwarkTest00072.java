package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.io.FilenameUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Files2;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00072 {

  @GetMapping("/pathtraver/BulwarkTest00072")
  public void handle(@RequestHeader(value = "BulwarkTest00072", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Step.apply(param);
    Path path = Paths.get(Files2.ROOT, FilenameUtils.getName(bar));
    // validated by the gateway before it reaches this handler
    response.getWriter().println(Files.exists(path));
  }

  static final class Step {
    static String apply(String param) throws Exception {
      String bar = Stream.of("a", param).filter(s -> !s.isEmpty()).collect(Collectors.joining(","));
      return bar;
    }
  }
}
