package fixtures.web;

import io.undertow.server.HttpServerExchange;
import io.vertx.ext.web.RoutingContext;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest;
import org.kohsuke.stapler.StaplerResponse;
import org.springframework.kafka.annotation.KafkaListener;
import spark.Request;
import spark.Response;

/** A Jenkins plugin action: Stapler routes /job/x/report/doDownload here. */
class ReportAction {
  private final File root = new File("/var/lib/jenkins/reports");

  public void doDownload(StaplerRequest req, StaplerResponse rsp) throws IOException {
    String name = req.getParameter("file");
    // ruleid: java-path-traversal
    try (FileInputStream in = new FileInputStream(new File(root, name))) {
      in.transferTo(rsp.getOutputStream());
    }
  }

  public void doRun(@QueryParameter String tool) throws IOException {
    // ruleid: java-cmdi
    Runtime.getRuntime().exec("sh -c " + tool);
  }

  public void doFixed(@QueryParameter String tool) throws IOException {
    // ok: java-cmdi
    Runtime.getRuntime().exec(new String[] {"/usr/bin/report", "--tool", "lint"});
  }

  public void doRest(StaplerRequest req) throws IOException {
    String rest = req.getRestOfPath();
    // ruleid: java-path-traversal
    new FileInputStream(new File(root, rest)).close();
  }
}

/** Vert.x, Spark and Undertow handlers reading the request. */
class Handlers {
  void vertx(RoutingContext ctx) throws IOException {
    String p = ctx.request().getParam("path");
    // ruleid: java-path-traversal
    new FileInputStream(p).close();
  }

  Object spark(Request request, Response response) throws IOException {
    // ruleid: java-cmdi
    Runtime.getRuntime().exec(request.queryParams("cmd"));
    return "";
  }

  void undertow(HttpServerExchange exchange) throws IOException {
    String q = exchange.getQueryString();
    // ruleid: java-path-traversal
    new FileInputStream(q).close();
  }

  void local(String configured) throws IOException {
    // ok: java-path-traversal
    new FileInputStream("/etc/app/" + "settings.properties").close();
  }
}

/** Message listeners: the payload is whatever the producer sent. */
class Listeners {
  @KafkaListener(topics = "jobs")
  void onJob(String payload) throws IOException {
    // ruleid: java-cmdi
    Runtime.getRuntime().exec(payload);
  }

  void onRecord(ConsumerRecord<String, String> record) throws IOException {
    // ruleid: java-path-traversal
    new FileInputStream(record.value()).close();
  }
}
